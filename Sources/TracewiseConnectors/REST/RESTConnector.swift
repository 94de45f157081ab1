import Foundation
import TracewiseHTTP

/// A source without its own connector, read through a ``RESTMapping``: one record per event, with the
/// pagination style, record path, field paths and timestamp format the mapping gives.
public struct RESTConnector: Connector {
    public let source: String
    public let baseURL: String
    public let mapping: RESTMapping
    private let secret: String?
    private let client: SourceClient

    /// - Parameters:
    ///   - baseURL: the API's root, which the mapping's endpoint is relative to.
    ///   - mapping: pagination, record path, field paths and timestamp format.
    ///   - environment: where the mapping's `auth.env` secret is read.
    ///   - client: the HTTP side (default: a ``SourceClient`` named after the mapping).
    public init(baseURL: String, mapping: RESTMapping, environment: [String: String], client: SourceClient? = nil) throws {
        let name = mapping.name ?? "rest"
        if let auth = mapping.auth {
            guard let value = environment[auth.env], !value.isEmpty else { throw ConnectorError.missingCredential(source: name, name: auth.env) }
            secret = value
        } else {
            secret = nil
        }
        self.source = name
        self.baseURL = baseURL
        self.mapping = mapping
        self.client = client ?? SourceClient(source: name)
    }

    public func pages(window: PullWindow, after cursor: ConnectorCursor?, options: PullOptions) -> AsyncThrowingStream<ConnectorPage, any Error> {
        ConnectorPage.stream { continuation in
            let lower = max(window.from, cursor?.highWaterMark ?? window.from)
            var headers = HTTPFields(["accept": "application/json"])
            if let auth = mapping.auth, let secret { headers.set(auth.header, (auth.prefix ?? "") + secret) }
            var baseItems: [(String, String?)] = []
            if let bounds = mapping.window {
                baseItems.append((bounds.fromParam, Self.format(lower, bounds.format)))
                if let toParam = bounds.toParam { baseItems.append((toParam, Self.format(window.to, bounds.format))) }
            }
            let pagination = mapping.pagination
            if let limit = pagination?.limitParam { baseItems.append((limit, String(options.pageSize))) }
            var nextURL: String? = nil
            var token: String?
            var number = pagination?.start ?? 1
            var offset = 0
            var page = 0
            while true {
                try Task.checkCancellation()
                page += 1
                var items = baseItems
                switch pagination?.style {
                case .token?, .cursor?: if let token { items.append((pagination!.param!, token)) }
                case .page?: items.append((pagination!.param!, String(number)))
                case .offset?: items.append((pagination!.param!, String(offset)))
                case .link?, nil: break
                }
                let url = nextURL ?? (mapping.endpoint.hasPrefix("http") ? URLQuery.url(mapping.endpoint, "", items) : URLQuery.url(baseURL, mapping.endpoint, items))
                let (body, replyHeaders) = try await client.json(.get(url, headers: headers), classify: { _, _, _ in nil })
                let recordsValue = mapping.recordsPath.map { body.value(at: $0) } ?? body
                guard let records = recordsValue?.array else {
                    throw ConnectorError.malformedPage(source: source, endpoint: mapping.endpoint, page: page, reason: "no array at \(mapping.recordsPath ?? "the top level")")
                }
                var kept: [JSONValue] = []
                var events: [SourceEvent] = []
                var skipped: [SkippedRecord] = []
                var mark: Int64?
                for (index, record) in records.enumerated() {
                    do {
                        let event = try event(of: record, page: page, index: index)
                        let modified = try mapping.fields.modified.map { try time(record, $0, page: page, index: index) } ?? event.timestamp
                        guard modified >= lower, modified < window.to else { continue }
                        kept.append(record)
                        events.append(event)
                        mark = max(mark ?? modified, modified)
                    } catch let error as ConnectorError where options.lenient {
                        skipped.append(SkippedRecord(page: page, record: index, pointer: JiraConnector.pointer(of: error), reason: error.description))
                    }
                }
                continuation.yield(ConnectorPage(endpoint: mapping.endpoint, records: kept, events: events, skipped: skipped, highWaterMark: mark))
                guard let pagination, !records.isEmpty else { break }
                let more: Bool
                switch pagination.style {
                case .token, .cursor:
                    token = pagination.nextPath.flatMap { body.value(at: $0)?.string }
                    more = !(token?.isEmpty ?? true)
                case .page:
                    number += 1
                    more = true
                case .offset:
                    offset += records.count
                    more = true
                case .link:
                    nextURL = pagination.nextPath.flatMap { body.value(at: $0)?.string } ?? Self.nextLink(replyHeaders["link"])
                    if let link = nextURL, !link.hasPrefix("http") { nextURL = URLQuery.url(baseURL, link, []) }
                    more = nextURL != nil
                }
                if !more { break }
            }
        }
    }

    private func event(of record: JSONValue, page: Int, index: Int) throws -> SourceEvent {
        let fields = mapping.fields
        func text(_ path: String) throws -> String {
            guard let value = record.value(at: path)?.string, !value.isEmpty else {
                throw ConnectorError.badRecord(source: source, page: page, record: index, pointer: "/\(index)/" + path.replacingOccurrences(of: ".", with: "/"), reason: "missing \(path)")
            }
            return value
        }
        let caseID = try text(fields.case), activity = try text(fields.activity)
        let at = try time(record, fields.timestamp, page: page, index: index)
        let id = try fields.id.map(text) ?? "\(caseID):\(activity):\(at)"
        var attributes: [String: String] = [:]
        for path in fields.attributes ?? [] { attributes[path] = record.value(at: path)?.string }
        return SourceEvent(id: id, caseID: caseID, activity: activity, timestamp: at,
                           resource: fields.resource.flatMap { record.value(at: $0)?.string }, attributes: attributes)
    }

    private func time(_ record: JSONValue, _ path: String, page: Int, index: Int) throws -> Int64 {
        let pointer = "/\(index)/" + path.replacingOccurrences(of: ".", with: "/")
        guard let value = record.value(at: path), !value.isNull else {
            throw ConnectorError.badRecord(source: source, page: page, record: index, pointer: pointer, reason: "missing timestamp")
        }
        let parsed: Int64?
        switch mapping.timestampFormat ?? "iso8601" {
        case "epochSeconds": parsed = value.number.map { Int64($0 * 1_000_000) } ?? value.string.flatMap(Double.init).map { Int64($0 * 1_000_000) }
        case "epochMilliseconds": parsed = value.number.map { Int64($0 * 1000) } ?? value.string.flatMap(Double.init).map { Int64($0 * 1000) }
        default: parsed = value.string.flatMap(SourceTimestamp.microseconds)
        }
        guard let parsed else {
            throw ConnectorError.badRecord(source: source, page: page, record: index, pointer: pointer, reason: "unreadable timestamp \(value.string ?? value.typeName)")
        }
        return parsed
    }

    static func format(_ microseconds: Int64, _ format: String?) -> String {
        switch format {
        case "epochSeconds": return String(microseconds / 1_000_000)
        case "epochMilliseconds": return String(microseconds / 1000)
        default: return SourceTimestamp.iso8601(microseconds)
        }
    }

    /// The `rel="next"` target of an RFC 8288 `Link` header.
    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">"),
                  pieces.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "") == "rel=\"next\"" || $0 == "rel=next" }) else { continue }
            return String(target.dropFirst().dropLast())
        }
        return nil
    }
}
