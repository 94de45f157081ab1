import Foundation
import TracewiseHTTP

/// HubSpot deals as cases: every value in a tracked property's history (by default `dealstage`) is an event
/// whose activity is the new value, at the value's `timestamp`, by `updatedByUserId` (or the `sourceId`).
///
/// The search endpoint selects the deals modified in the window (`hs_lastmodifieddate`, ascending, paged
/// with `paging.next.after`); the search cannot return histories, so each page's deals are read again with
/// `batch/read` and `propertiesWithHistory`. A `429` whose `policyName` is `DAILY` fails the pull; the
/// per-second limit is retried.
public struct HubSpotConnector: Connector {
    public let source = "hubspot"
    public let baseURL: String
    public let historyProperties: [String]
    private let token: String
    private let client: SourceClient

    public init(baseURL: String, accessToken: String, historyProperties: [String] = ["dealstage"],
                client: SourceClient = SourceClient(source: "hubspot")) {
        self.baseURL = baseURL
        self.token = accessToken
        self.historyProperties = historyProperties
        self.client = client
    }

    /// Reads `HUBSPOT_ACCESS_TOKEN` from `environment`.
    public init(baseURL: String, environment: [String: String], client: SourceClient = SourceClient(source: "hubspot")) throws {
        guard let token = environment["HUBSPOT_ACCESS_TOKEN"], !token.isEmpty else {
            throw ConnectorError.missingCredential(source: "hubspot", name: "HUBSPOT_ACCESS_TOKEN")
        }
        self.init(baseURL: baseURL, accessToken: token, client: client)
    }

    public func pages(window: PullWindow, after cursor: ConnectorCursor?, options: PullOptions) -> AsyncThrowingStream<ConnectorPage, any Error> {
        ConnectorPage.stream { continuation in
            let lower = max(window.from, cursor?.highWaterMark ?? window.from)
            var after: String?
            var page = 0
            repeat {
                try Task.checkCancellation()
                page += 1
                var search: [String: JSONValue] = [
                    "filterGroups": .array([.object(["filters": .array([
                        .object(["propertyName": .string("hs_lastmodifieddate"), "operator": .string("GTE"), "value": .string(String(lower / 1000))]),
                        .object(["propertyName": .string("hs_lastmodifieddate"), "operator": .string("LT"), "value": .string(String(window.to / 1000))]),
                    ])])]),
                    "sorts": .array([.object(["propertyName": .string("hs_lastmodifieddate"), "direction": .string("ASCENDING")])]),
                    "properties": .array([.string("hs_lastmodifieddate"), .string("dealname")]),
                    "limit": .number(Double(min(options.pageSize, 100))),
                ]
                if let after { search["after"] = .string(after) }
                let (found, _) = try await client.json(.search(URLQuery.url(baseURL, "/crm/v3/objects/deals/search", []), headers: headers,
                                                               body: try JSONValue.object(search).encoded()), classify: Self.classify)
                guard let results = found["results"]?.array else {
                    throw ConnectorError.malformedPage(source: source, endpoint: "/crm/v3/objects/deals/search", page: page, reason: "no results array")
                }
                let ids = results.compactMap { $0["id"]?.string }
                var deals: [JSONValue] = []
                if !ids.isEmpty {
                    let read: JSONValue = .object([
                        "inputs": .array(ids.map { .object(["id": .string($0)]) }),
                        "properties": .array([.string("hs_lastmodifieddate"), .string("dealname")]),
                        "propertiesWithHistory": .array(historyProperties.map(JSONValue.string)),
                    ])
                    let (batch, _) = try await client.json(.search(URLQuery.url(baseURL, "/crm/v3/objects/deals/batch/read", []), headers: headers,
                                                                   body: try read.encoded()), classify: Self.classify)
                    deals = batch["results"]?.array ?? []
                }
                var events: [SourceEvent] = []
                var skipped: [SkippedRecord] = []
                var mark: Int64?
                for (index, deal) in deals.enumerated() {
                    do {
                        events += try Self.events(of: deal, properties: historyProperties, page: page, index: index)
                        if let modified = Self.modified(deal) { mark = max(mark ?? modified, modified) }
                    } catch let error as ConnectorError where options.lenient {
                        skipped.append(SkippedRecord(page: page, record: index, pointer: JiraConnector.pointer(of: error), reason: error.description))
                    }
                }
                continuation.yield(ConnectorPage(endpoint: "/crm/v3/objects/deals/search+batch/read", records: deals, events: events,
                                                 skipped: skipped, highWaterMark: mark))
                after = found.value(at: "paging.next.after")?.string
            } while after != nil
        }
    }

    private var headers: HTTPFields { HTTPFields(["authorization": "Bearer \(token)", "accept": "application/json"]) }

    static func modified(_ deal: JSONValue) -> Int64? {
        if let text = deal.value(at: "properties.hs_lastmodifieddate")?.string {
            if let value = SourceTimestamp.microseconds(text) { return value }
            if let millis = Int64(text) { return millis * 1000 }
        }
        return deal["updatedAt"]?.string.flatMap(SourceTimestamp.microseconds)
    }

    static func events(of deal: JSONValue, properties: [String], page: Int, index: Int) throws -> [SourceEvent] {
        guard let id = deal["id"]?.string, !id.isEmpty else {
            throw ConnectorError.badRecord(source: "hubspot", page: page, record: index, pointer: "/results/\(index)/id", reason: "missing deal id")
        }
        var events: [SourceEvent] = []
        for property in properties {
            for (v, value) in (deal.value(at: "propertiesWithHistory.\(property)")?.array ?? []).enumerated() {
                let pointer = "/results/\(index)/propertiesWithHistory/\(property)/\(v)"
                guard let text = value["timestamp"]?.string, let at = SourceTimestamp.microseconds(text) else {
                    throw ConnectorError.badRecord(source: "hubspot", page: page, record: index, pointer: pointer + "/timestamp", reason: "missing or unreadable timestamp")
                }
                guard let newValue = value["value"]?.string, !newValue.isEmpty else { continue }
                let resource = value["updatedByUserId"]?.string ?? value["sourceId"]?.string
                let activity = property == "dealstage" ? newValue : "\(property) → \(newValue)"
                events.append(SourceEvent(id: "\(id):\(property):\(text):\(newValue)", caseID: id, activity: activity, timestamp: at,
                                          resource: resource, attributes: ["hubspot:sourceType": value["sourceType"]?.string ?? ""]))
            }
        }
        return events
    }

    /// `429` with `policyName: DAILY` cannot recover within a pull; `SECONDLY` and 5xx are retried.
    static let classify: SourceClient.Classifier = { status, _, body in
        guard status == 429 else { return nil }
        let policy = body?["policyName"]?.string ?? ""
        return SourceReplyError(error: .rateLimited(source: "hubspot", endpoint: "/crm/v3/objects/deals", retryAfterSeconds: policy == "DAILY" ? nil : 1),
                                disposition: policy == "DAILY" ? .fail : .retry(after: .seconds(1)))
    }
}

extension JSONValue {
    /// The value as compact JSON bytes.
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self))
    }
}
