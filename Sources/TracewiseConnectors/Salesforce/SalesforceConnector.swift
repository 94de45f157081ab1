import TracewiseHTTP

/// Salesforce opportunities as cases: every stage in `OpportunityHistory` is an event whose activity is the
/// stage name, and every row of the other `*History` objects the mapping names (by default
/// `OpportunityFieldHistory`) is an event `"<Field> → <NewValue>"`.
///
/// Rows are selected with SOQL on `CreatedDate` (history rows never change, so their creation is their
/// modification) with UTC `dateTime` literals, `ORDER BY CreatedDate`, and paged through
/// `nextRecordsUrl`. `403 REQUEST_LIMIT_EXCEEDED` (the org's daily API limit) fails the pull at once
/// with a rate-limit error; it does not recover within a pull.
public struct SalesforceConnector: Connector {
    public let source = "salesforce"
    public let baseURL: String
    public let apiVersion: String
    /// History objects beyond `OpportunityHistory`; each must have an `OpportunityId` parent field.
    public let fieldHistoryObjects: [String]
    private let token: String
    private let client: SourceClient

    public init(baseURL: String, accessToken: String, apiVersion: String = "v62.0",
                fieldHistoryObjects: [String] = ["OpportunityFieldHistory"], client: SourceClient = SourceClient(source: "salesforce")) {
        self.baseURL = baseURL
        self.token = accessToken
        self.apiVersion = apiVersion
        self.fieldHistoryObjects = fieldHistoryObjects
        self.client = client
    }

    /// Reads `SALESFORCE_ACCESS_TOKEN` from `environment`.
    public init(baseURL: String, environment: [String: String], client: SourceClient = SourceClient(source: "salesforce")) throws {
        guard let token = environment["SALESFORCE_ACCESS_TOKEN"], !token.isEmpty else {
            throw ConnectorError.missingCredential(source: "salesforce", name: "SALESFORCE_ACCESS_TOKEN")
        }
        self.init(baseURL: baseURL, accessToken: token, client: client)
    }

    public func pages(window: PullWindow, after cursor: ConnectorCursor?, options: PullOptions) -> AsyncThrowingStream<ConnectorPage, any Error> {
        ConnectorPage.stream { continuation in
            let lower = max(window.from, cursor?.highWaterMark ?? window.from)
            let bounds = "CreatedDate >= \(Self.literal(lower)) AND CreatedDate < \(Self.literal(window.to)) ORDER BY CreatedDate ASC"
            var queries = [("OpportunityHistory", "SELECT Id, OpportunityId, StageName, Amount, CloseDate, CreatedById, CreatedDate FROM OpportunityHistory WHERE \(bounds)")]
            for object in fieldHistoryObjects {
                queries.append((object, "SELECT Id, OpportunityId, Field, OldValue, NewValue, CreatedById, CreatedDate FROM \(object) WHERE \(bounds)"))
            }
            var page = 0
            for (object, soql) in queries {
                var next: String? = URLQuery.url(baseURL, "/services/data/\(apiVersion)/query", [("q", soql)])
                while let url = next {
                    try Task.checkCancellation()
                    page += 1
                    let (body, _) = try await client.json(.get(url, headers: headers), classify: Self.classify)
                    guard let rows = body["records"]?.array else {
                        throw ConnectorError.malformedPage(source: source, endpoint: "/query (\(object))", page: page, reason: "no records array")
                    }
                    var events: [SourceEvent] = []
                    var skipped: [SkippedRecord] = []
                    var mark: Int64?
                    for (index, row) in rows.enumerated() {
                        do {
                            let event = try Self.event(of: row, object: object, page: page, index: index)
                            events.append(event)
                            mark = max(mark ?? event.timestamp, event.timestamp)
                        } catch let error as ConnectorError where options.lenient {
                            skipped.append(SkippedRecord(page: page, record: index, pointer: JiraConnector.pointer(of: error), reason: error.description))
                        }
                    }
                    continuation.yield(ConnectorPage(endpoint: "/services/data/\(apiVersion)/query (\(object))", records: rows,
                                                     events: events, skipped: skipped, highWaterMark: mark))
                    if body["done"]?.bool == false, let more = body["nextRecordsUrl"]?.string {
                        next = URLQuery.url(baseURL, more, [])
                    } else {
                        next = nil
                    }
                }
            }
        }
    }

    private var headers: HTTPFields { HTTPFields(["authorization": "Bearer \(token)", "accept": "application/json"]) }

    static func event(of row: JSONValue, object: String, page: Int, index: Int) throws -> SourceEvent {
        func field(_ name: String) throws -> String {
            guard let value = row[name]?.string, !value.isEmpty else {
                throw ConnectorError.badRecord(source: "salesforce", page: page, record: index, pointer: "/records/\(index)/\(name)", reason: "missing \(name)")
            }
            return value
        }
        let id = try field("Id"), opportunity = try field("OpportunityId"), createdText = try field("CreatedDate")
        guard let at = SourceTimestamp.microseconds(createdText) else {
            throw ConnectorError.badRecord(source: "salesforce", page: page, record: index, pointer: "/records/\(index)/CreatedDate", reason: "unreadable date \"\(createdText)\"")
        }
        let activity: String
        var attributes: [String: String] = ["salesforce:object": object]
        if object == "OpportunityHistory" {
            activity = try field("StageName")
            if let amount = row["Amount"]?.string { attributes["amount"] = amount }
        } else {
            let name = try field("Field")
            activity = "\(name) → \(row["NewValue"]?.string ?? "none")"
            if let old = row["OldValue"]?.string { attributes["salesforce:oldValue"] = old }
        }
        return SourceEvent(id: id, caseID: opportunity, activity: activity, timestamp: at, resource: row["CreatedById"]?.string, attributes: attributes)
    }

    /// Salesforce's error bodies are arrays of `{message, errorCode}`; the org's API limit is a 403.
    static let classify: SourceClient.Classifier = { status, _, body in
        guard !(200..<300).contains(status), let first = body?.array?.first, let code = first["errorCode"]?.string else { return nil }
        let message = first["message"]?.string ?? code
        if code == "REQUEST_LIMIT_EXCEEDED" {
            return SourceReplyError(error: .rateLimited(source: "salesforce", endpoint: "/query", retryAfterSeconds: nil), disposition: .fail)
        }
        return SourceReplyError(error: .sourceError(source: "salesforce", endpoint: "/query", status: status, code: code, message: message),
                                disposition: status >= 500 ? .retry(after: nil) : .fail)
    }

    /// A SOQL `dateTime` literal in UTC (`2025-01-01T00:00:00Z`), unquoted as SOQL requires.
    static func literal(_ microseconds: Int64) -> String {
        SourceTimestamp.iso8601(microseconds - ((microseconds % 1_000_000) + 1_000_000) % 1_000_000)
    }
}
