import TracewiseHTTP

/// Marketo leads as cases: every activity of the configured types is an event whose activity is the type's
/// name (from `activities/types.json`), at `activityDate`; case = `leadId`, id = `marketoGUID`.
///
/// The client-credentials token comes from `GET /identity/oauth/token` and is fetched again when Marketo
/// answers 601 or 602 (expired or invalid token) mid-pull. A paging token for the window's start (or the
/// cursor's token) starts `GET /rest/v1/activities.json`, followed while `moreResult` is true; Marketo has
/// no end-date parameter, so activities at or after the window's end are dropped here. Errors arrive inside
/// HTTP 200 (`success:false`): 606 and 615 (rate and concurrency limits) are retried, 607 (daily quota)
/// fails the pull.
public struct MarketoConnector: Connector {
    public let source = "marketo"
    public let baseURL: String
    public let activityTypeIDs: [Int]
    private let clientID: String
    private let clientSecret: String
    private let client: SourceClient

    public init(baseURL: String, clientID: String, clientSecret: String, activityTypeIDs: [Int] = [1, 2, 6, 10, 12, 13],
                client: SourceClient = SourceClient(source: "marketo")) {
        self.baseURL = baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.activityTypeIDs = Array(activityTypeIDs.prefix(10))
        self.client = client
    }

    /// Reads `MARKETO_CLIENT_ID` and `MARKETO_CLIENT_SECRET` from `environment`.
    public init(baseURL: String, environment: [String: String], client: SourceClient = SourceClient(source: "marketo")) throws {
        guard let id = environment["MARKETO_CLIENT_ID"], !id.isEmpty else { throw ConnectorError.missingCredential(source: "marketo", name: "MARKETO_CLIENT_ID") }
        guard let secret = environment["MARKETO_CLIENT_SECRET"], !secret.isEmpty else { throw ConnectorError.missingCredential(source: "marketo", name: "MARKETO_CLIENT_SECRET") }
        self.init(baseURL: baseURL, clientID: id, clientSecret: secret, client: client)
    }

    public func pages(window: PullWindow, after cursor: ConnectorCursor?, options: PullOptions) -> AsyncThrowingStream<ConnectorPage, any Error> {
        ConnectorPage.stream { continuation in
            var token = try await accessToken()
            func call(_ path: String, _ items: [(String, String?)]) async throws -> JSONValue {
                for attempt in 1...2 {
                    do {
                        let headers = HTTPFields(["authorization": "Bearer \(token)", "accept": "application/json"])
                        return try await client.json(.get(URLQuery.url(baseURL, path, items), headers: headers), classify: Self.classify).0
                    } catch ConnectorError.sourceError(_, _, _, let code?, _) where attempt == 1 && (code == "601" || code == "602") {
                        token = try await accessToken()
                    }
                }
                throw ConnectorError.sourceError(source: source, endpoint: path, status: 200, code: "602", message: "the access token was refused twice")
            }
            let types = try await call("/rest/v1/activities/types.json", [])
            var names: [Int: String] = [:]
            for type in types["result"]?.array ?? [] {
                if let id = type["id"]?.number, let name = type["name"]?.string { names[Int(id)] = name }
            }
            var paging: String
            if let stored = cursor?.token, (cursor?.highWaterMark ?? .min) >= window.from {
                paging = stored
            } else {
                let start = try await call("/rest/v1/activities/pagingtoken.json", [("sinceDatetime", window.fromISO)])
                guard let first = start["nextPageToken"]?.string else {
                    throw ConnectorError.malformedPage(source: source, endpoint: "/rest/v1/activities/pagingtoken.json", page: 0, reason: "no nextPageToken")
                }
                paging = first
            }
            var page = 0
            var more = true
            let lower = max(window.from, cursor?.highWaterMark ?? window.from)
            while more {
                try Task.checkCancellation()
                page += 1
                let body = try await call("/rest/v1/activities.json", [
                    ("nextPageToken", paging), ("activityTypeIds", activityTypeIDs.map(String.init).joined(separator: ",")),
                ])
                let results = body["result"]?.array ?? []
                var records: [JSONValue] = []
                var events: [SourceEvent] = []
                var skipped: [SkippedRecord] = []
                var mark: Int64?
                var pastWindow = false
                for (index, activity) in results.enumerated() {
                    do {
                        guard let dateText = activity["activityDate"]?.string, let at = SourceTimestamp.microseconds(dateText) else {
                            throw ConnectorError.badRecord(source: source, page: page, record: index, pointer: "/result/\(index)/activityDate", reason: "missing or unreadable activityDate")
                        }
                        if at >= window.to { pastWindow = true; continue }
                        guard at >= lower else { continue }
                        events.append(try Self.event(of: activity, at: at, names: names, page: page, index: index))
                        records.append(activity)
                        mark = max(mark ?? at, at)
                    } catch let error as ConnectorError where options.lenient {
                        skipped.append(SkippedRecord(page: page, record: index, pointer: JiraConnector.pointer(of: error), reason: error.description))
                    }
                }
                let next = body["nextPageToken"]?.string
                more = body["moreResult"]?.bool == true && next != nil && !pastWindow
                if let next { paging = next }
                continuation.yield(ConnectorPage(endpoint: "/rest/v1/activities.json", records: records, events: events, skipped: skipped,
                                                 highWaterMark: mark, token: paging))
            }
        }
    }

    private func accessToken() async throws -> String {
        let url = URLQuery.url(baseURL, "/identity/oauth/token", [("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret)])
        let (body, _) = try await client.json(.get(url, headers: HTTPFields(["accept": "application/json"])), classify: Self.classify)
        guard let token = body["access_token"]?.string, !token.isEmpty else {
            throw ConnectorError.sourceError(source: source, endpoint: "/identity/oauth/token", status: 200, code: nil, message: "no access_token in the reply")
        }
        return token
    }

    static func event(of activity: JSONValue, at: Int64, names: [Int: String], page: Int, index: Int) throws -> SourceEvent {
        guard let lead = activity["leadId"]?.string else {
            throw ConnectorError.badRecord(source: "marketo", page: page, record: index, pointer: "/result/\(index)/leadId", reason: "missing leadId")
        }
        guard let id = activity["marketoGUID"]?.string ?? activity["id"]?.string else {
            throw ConnectorError.badRecord(source: "marketo", page: page, record: index, pointer: "/result/\(index)/marketoGUID", reason: "missing marketoGUID")
        }
        let type = Int(activity["activityTypeId"]?.number ?? -1)
        var attributes: [String: String] = [:]
        if let primary = activity["primaryAttributeValue"]?.string { attributes["marketo:primaryAttributeValue"] = primary }
        if let campaign = activity["campaignId"]?.string { attributes["marketo:campaignId"] = campaign }
        return SourceEvent(id: id, caseID: lead, activity: names[type] ?? "activity \(type)", timestamp: at,
                           resource: activity["campaignId"]?.string.map { "campaign \($0)" }, attributes: attributes)
    }

    /// Marketo reports failures inside HTTP 200: 606 (rate) and 615 (concurrency) retry after the
    /// 20-second window, 601/602 ask for a new token, 607 (daily quota) and the rest fail.
    static let classify: SourceClient.Classifier = { status, _, body in
        guard (200..<300).contains(status), body?["success"]?.bool == false else { return nil }
        let error = body?["errors"]?.array?.first
        let code = error?["code"]?.string ?? "?"
        let message = error?["message"]?.string ?? "success: false"
        switch code {
        case "606", "615":
            return SourceReplyError(error: .rateLimited(source: "marketo", endpoint: "/rest/v1", retryAfterSeconds: 20), disposition: .retry(after: .seconds(20)))
        case "607":
            return SourceReplyError(error: .rateLimited(source: "marketo", endpoint: "/rest/v1", retryAfterSeconds: nil), disposition: .fail)
        default:
            return SourceReplyError(error: .sourceError(source: "marketo", endpoint: "/rest/v1", status: status, code: code, message: message), disposition: .fail)
        }
    }
}
