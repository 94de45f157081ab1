import TracewiseHTTP

/// Xero invoices as cases: every record of an invoice's history is an event whose activity is the record's
/// `Changes` (`Created`, `Approved`, `Paid`, …) at its `DateUTC`, by its `User`.
///
/// Invoices modified since the window's start (or the cursor) come from `GET /Invoices` with
/// `If-Modified-Since`, `order=UpdatedDateUTC ASC` and `page` (100 per page) until a short page or
/// `pageCount`; invoices modified at or after the window's end are left for the next pull. Dates arrive as
/// Microsoft JSON (`/Date(1541689281470+0000)/`). A `429` with `X-Rate-Limit-Problem: day` fails the pull;
/// the minute limit is retried after `Retry-After`.
public struct XeroConnector: Connector {
    public let source = "xero"
    public let baseURL: String
    private let token: String
    private let tenantID: String
    private let client: SourceClient

    public init(baseURL: String, accessToken: String, tenantID: String, client: SourceClient = SourceClient(source: "xero")) {
        self.baseURL = baseURL
        self.token = accessToken
        self.tenantID = tenantID
        self.client = client
    }

    /// Reads `XERO_ACCESS_TOKEN` and `XERO_TENANT_ID` from `environment`.
    public init(baseURL: String, environment: [String: String], client: SourceClient = SourceClient(source: "xero")) throws {
        guard let token = environment["XERO_ACCESS_TOKEN"], !token.isEmpty else { throw ConnectorError.missingCredential(source: "xero", name: "XERO_ACCESS_TOKEN") }
        guard let tenant = environment["XERO_TENANT_ID"], !tenant.isEmpty else { throw ConnectorError.missingCredential(source: "xero", name: "XERO_TENANT_ID") }
        self.init(baseURL: baseURL, accessToken: token, tenantID: tenant, client: client)
    }

    public func pages(window: PullWindow, after cursor: ConnectorCursor?, options: PullOptions) -> AsyncThrowingStream<ConnectorPage, any Error> {
        ConnectorPage.stream { continuation in
            let lower = max(window.from, cursor?.highWaterMark ?? window.from)
            var headers = self.headers
            headers.set("if-modified-since", String(SourceTimestamp.iso8601(lower - ((lower % 1_000_000) + 1_000_000) % 1_000_000).dropLast()))
            var page = 0
            while true {
                try Task.checkCancellation()
                page += 1
                let url = URLQuery.url(baseURL, "/Invoices", [("page", String(page)), ("order", "UpdatedDateUTC ASC")])
                let (body, _) = try await client.json(.get(url, headers: headers), classify: Self.classify)
                guard let invoices = body["Invoices"]?.array else {
                    throw ConnectorError.malformedPage(source: source, endpoint: "/Invoices", page: page, reason: "no Invoices array")
                }
                var records: [JSONValue] = []
                var events: [SourceEvent] = []
                var skipped: [SkippedRecord] = []
                var mark: Int64?
                for (index, invoice) in invoices.enumerated() {
                    do {
                        guard let updatedText = invoice["UpdatedDateUTC"]?.string, let updated = SourceTimestamp.microseconds(updatedText) else {
                            throw ConnectorError.badRecord(source: source, page: page, record: index, pointer: "/Invoices/\(index)/UpdatedDateUTC", reason: "missing or unreadable UpdatedDateUTC")
                        }
                        guard updated >= lower, updated < window.to else { continue }
                        guard let id = invoice["InvoiceID"]?.string, !id.isEmpty else {
                            throw ConnectorError.badRecord(source: source, page: page, record: index, pointer: "/Invoices/\(index)/InvoiceID", reason: "missing InvoiceID")
                        }
                        let (history, _) = try await client.json(.get(URLQuery.url(baseURL, "/Invoices/\(URLQuery.encode(id))/History", []), headers: self.headers),
                                                                 classify: Self.classify)
                        events += try Self.events(invoiceID: id, history: history, page: page, index: index)
                        records.append(invoice)
                        mark = max(mark ?? updated, updated)
                    } catch let error as ConnectorError where options.lenient {
                        skipped.append(SkippedRecord(page: page, record: index, pointer: JiraConnector.pointer(of: error), reason: error.description))
                    }
                }
                continuation.yield(ConnectorPage(endpoint: "/Invoices", records: records, events: events, skipped: skipped, highWaterMark: mark))
                let pageCount = Int(body.value(at: "pagination.pageCount")?.number ?? 0)
                if invoices.count < 100 || (pageCount > 0 && page >= pageCount) { break }
            }
        }
    }

    private var headers: HTTPFields {
        HTTPFields(["authorization": "Bearer \(token)", "xero-tenant-id": tenantID, "accept": "application/json"])
    }

    static func events(invoiceID: String, history: JSONValue, page: Int, index: Int) throws -> [SourceEvent] {
        var events: [SourceEvent] = []
        for (r, record) in (history["HistoryRecords"]?.array ?? []).enumerated() {
            guard let dateText = record["DateUTC"]?.string, let at = SourceTimestamp.microseconds(dateText) else {
                throw ConnectorError.badRecord(source: "xero", page: page, record: index, pointer: "/Invoices/\(index)/History/HistoryRecords/\(r)/DateUTC", reason: "missing or unreadable DateUTC")
            }
            guard let changes = record["Changes"]?.string, !changes.isEmpty else { continue }
            var attributes: [String: String] = [:]
            if let details = record["Details"]?.string { attributes["xero:details"] = details }
            events.append(SourceEvent(id: "\(invoiceID):\(dateText):\(r)", caseID: invoiceID, activity: changes, timestamp: at,
                                      resource: record["User"]?.string, attributes: attributes))
        }
        return events
    }

    /// `429` with `X-Rate-Limit-Problem: day` cannot recover within a pull; the minute limit is retried.
    static let classify: SourceClient.Classifier = { status, headers, _ in
        guard status == 429 else { return nil }
        let daily = headers["x-rate-limit-problem"]?.lowercased() == "day"
        let retryAfter = headers["retry-after"].flatMap(Double.init)
        return SourceReplyError(error: .rateLimited(source: "xero", endpoint: "/Invoices", retryAfterSeconds: retryAfter),
                                disposition: daily ? .fail : .retry(after: retryAfter.map { .milliseconds(Int64($0 * 1000)) }))
    }
}
