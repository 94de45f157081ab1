import Foundation
import TracewiseHTTP

/// Jira Cloud issues as cases: the issue's creation is an event `Created`, and every change of a tracked
/// field in its changelog is an event (status changes by default: the activity is the new status name).
///
/// Records are selected by `updated` in the window through `GET /rest/api/3/search/jql` (bounded JQL,
/// `nextPageToken` paging, `expand=changelog`); an issue whose embedded changelog is incomplete gets the
/// rest from `/rest/api/3/issue/{key}/changelog`. Case = issue key, timestamp = the history's `created`,
/// resource = its author's `accountId`.
///
/// ```swift
/// let jira = JiraConnector(baseURL: "https://acme.atlassian.net", email: email, apiToken: token)
/// ```
public struct JiraConnector: Connector {
    public let source = "jira"
    public let baseURL: String
    private let authorization: String
    private let client: SourceClient
    /// Changelog fields that become events; `status` gives the new status as the activity, any other
    /// field gives `"<field> → <new value>"`.
    public let trackedFields: Set<String>

    public init(baseURL: String, email: String, apiToken: String, trackedFields: Set<String> = ["status"],
                client: SourceClient = SourceClient(source: "jira")) {
        self.baseURL = baseURL
        self.authorization = "Basic " + Data("\(email):\(apiToken)".utf8).base64EncodedString()
        self.trackedFields = trackedFields
        self.client = client
    }

    /// Reads `JIRA_EMAIL` and `JIRA_API_TOKEN` from `environment`.
    public init(baseURL: String, environment: [String: String], client: SourceClient = SourceClient(source: "jira")) throws {
        guard let email = environment["JIRA_EMAIL"], !email.isEmpty else { throw ConnectorError.missingCredential(source: "jira", name: "JIRA_EMAIL") }
        guard let token = environment["JIRA_API_TOKEN"], !token.isEmpty else { throw ConnectorError.missingCredential(source: "jira", name: "JIRA_API_TOKEN") }
        self.init(baseURL: baseURL, email: email, apiToken: token, client: client)
    }

    /// Jira's JQL dates have minute precision in the user's time zone, which the API does not tell; the
    /// query is widened by 14 hours on both sides and `updated` is checked exactly on every issue.
    static let zoneSlack: Int64 = 14 * 3_600_000_000

    public func pages(window: PullWindow, after cursor: ConnectorCursor?, options: PullOptions) -> AsyncThrowingStream<ConnectorPage, any Error> {
        ConnectorPage.stream { continuation in
            let lower = max(window.from, cursor?.highWaterMark ?? window.from)
            let jql = "updated >= \"\(Self.jqlDate(lower - Self.zoneSlack))\" AND updated < \"\(Self.jqlDate(window.to + Self.zoneSlack))\" ORDER BY updated ASC"
            var token: String?
            var page = 0
            repeat {
                try Task.checkCancellation()
                page += 1
                let url = URLQuery.url(baseURL, "/rest/api/3/search/jql", [
                    ("jql", jql), ("fields", "created,updated,status,creator,reporter"), ("expand", "changelog"),
                    ("maxResults", String(options.pageSize)), ("nextPageToken", token),
                ])
                let (body, _) = try await client.json(.get(url, headers: headers), classify: Self.classify)
                guard let issues = body["issues"]?.array else {
                    throw ConnectorError.malformedPage(source: source, endpoint: "/rest/api/3/search/jql", page: page, reason: "no issues array")
                }
                var records: [JSONValue] = []
                var events: [SourceEvent] = []
                var skipped: [SkippedRecord] = []
                var mark: Int64?
                for (index, issue) in issues.enumerated() {
                    do {
                        guard let updatedText = issue.value(at: "fields.updated")?.string,
                              let updated = SourceTimestamp.microseconds(updatedText) else {
                            throw ConnectorError.badRecord(source: source, page: page, record: index, pointer: "/issues/\(index)/fields/updated", reason: "missing or unreadable `updated`")
                        }
                        guard updated >= lower, updated < window.to else { continue }
                        let histories = try await fullChangelog(of: issue, page: page, index: index)
                        events += try Self.events(of: issue, histories: histories, trackedFields: trackedFields, page: page, index: index)
                        records.append(issue)
                        mark = max(mark ?? updated, updated)
                    } catch let error as ConnectorError where options.lenient {
                        skipped.append(SkippedRecord(page: page, record: index, pointer: Self.pointer(of: error), reason: error.description))
                    }
                }
                continuation.yield(ConnectorPage(endpoint: "/rest/api/3/search/jql", records: records, events: events,
                                                 skipped: skipped, highWaterMark: mark))
                token = body["isLast"]?.bool == true ? nil : body["nextPageToken"]?.string
            } while token != nil
        }
    }

    private var headers: HTTPFields {
        HTTPFields(["authorization": authorization, "accept": "application/json"])
    }

    /// The issue's histories: the embedded page when complete, else every page of the changelog endpoint.
    private func fullChangelog(of issue: JSONValue, page: Int, index: Int) async throws -> [JSONValue] {
        let embedded = issue.value(at: "changelog.histories")?.array ?? []
        let total = Int(issue.value(at: "changelog.total")?.number ?? Double(embedded.count))
        guard total > embedded.count, let key = issue["key"]?.string else { return embedded }
        var all: [JSONValue] = []
        var startAt = 0
        while true {
            try Task.checkCancellation()
            let url = URLQuery.url(baseURL, "/rest/api/3/issue/\(URLQuery.encode(key))/changelog", [("startAt", String(startAt)), ("maxResults", "100")])
            let (body, _) = try await client.json(.get(url, headers: headers), classify: Self.classify)
            guard let values = body["values"]?.array else {
                throw ConnectorError.malformedPage(source: source, endpoint: "/rest/api/3/issue/{key}/changelog", page: page, reason: "no values array for \(key)")
            }
            all += values
            startAt += values.count
            if body["isLast"]?.bool == true || values.isEmpty || startAt >= Int(body["total"]?.number ?? 0) { break }
        }
        return all
    }

    static func events(of issue: JSONValue, histories: [JSONValue], trackedFields: Set<String>, page: Int, index: Int) throws -> [SourceEvent] {
        guard let key = issue["key"]?.string, !key.isEmpty else {
            throw ConnectorError.badRecord(source: "jira", page: page, record: index, pointer: "/issues/\(index)/key", reason: "missing issue key")
        }
        guard let createdText = issue.value(at: "fields.created")?.string, let created = SourceTimestamp.microseconds(createdText) else {
            throw ConnectorError.badRecord(source: "jira", page: page, record: index, pointer: "/issues/\(index)/fields/created", reason: "missing or unreadable `created`")
        }
        let creator = issue.value(at: "fields.creator.accountId")?.string ?? issue.value(at: "fields.reporter.accountId")?.string
        var events = [SourceEvent(id: "\(key):created", caseID: key, activity: "Created", timestamp: created, resource: creator)]
        for (h, history) in histories.enumerated() {
            let historyID = history["id"]?.string ?? String(h)
            guard let createdText = history["created"]?.string, let at = SourceTimestamp.microseconds(createdText) else {
                throw ConnectorError.badRecord(source: "jira", page: page, record: index, pointer: "/issues/\(index)/changelog/histories/\(h)/created", reason: "missing or unreadable history `created`")
            }
            for (i, item) in (history["items"]?.array ?? []).enumerated() {
                guard let field = item["field"]?.string, trackedFields.contains(field) else { continue }
                let value = item["toString"]?.string ?? item["to"]?.string ?? ""
                let activity = field == "status" ? value : "\(field) → \(value.isEmpty ? "none" : value)"
                guard !activity.isEmpty else {
                    throw ConnectorError.badRecord(source: "jira", page: page, record: index, pointer: "/issues/\(index)/changelog/histories/\(h)/items/\(i)/toString", reason: "a status change without the new status")
                }
                var attributes: [String: String] = [:]
                if let from = item["fromString"]?.string { attributes["jira:from"] = from }
                events.append(SourceEvent(id: "\(key):\(historyID):\(i)", caseID: key, activity: activity, timestamp: at,
                                          resource: history.value(at: "author.accountId")?.string, attributes: attributes))
            }
        }
        return events
    }

    /// Jira's errors: 429 and 503 with `Retry-After` retry; everything else follows the shared policy.
    static let classify: SourceClient.Classifier = { _, _, _ in nil }

    static func pointer(of error: ConnectorError) -> String {
        if case .badRecord(_, _, _, let pointer, _) = error { return pointer }
        return ""
    }

    /// `yyyy-MM-dd HH:mm` in UTC, floored to the minute.
    static func jqlDate(_ microseconds: Int64) -> String {
        let iso = SourceTimestamp.iso8601(microseconds - ((microseconds % 60_000_000) + 60_000_000) % 60_000_000)
        return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
