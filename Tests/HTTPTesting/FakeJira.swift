import Foundation

/// A Jira Cloud fake (for connector and CLI tests) that answers `search/jql` (bounded JQL on `updated`, `nextPageToken` paging, embedded
/// changelogs of at most 20 histories) and `issue/{key}/changelog` from a fixed set of issues, in the shapes
/// of api-shapes.md §1.
public struct FakeJira: Sendable {
    /// A status change: the new status, when (µs since the epoch) and by whom.
    public struct StatusChange: Sendable {
        public var status: String
        public var at: Int64
        public var author: String

        public init(_ status: String, at: Int64, by author: String) {
            self.status = status
            self.at = at
            self.author = author
        }
    }

    /// An issue: its key, creation time (µs) and status changes, oldest first.
    public struct Issue: Sendable {
        public var key: String
        public var created: Int64
        public var statuses: [StatusChange]
        public var updated: Int64 { statuses.last?.at ?? created }

        public init(key: String, created: Int64, statuses: [StatusChange]) {
            self.key = key
            self.created = created
            self.statuses = statuses
        }
    }

    public var issues: [Issue]
    public var pageSize = 3
    /// Extra fields every issue carries (for drift tests).
    public var extraFields: [String: String] = [:]

    public init(issues: [Issue]) {
        self.issues = issues
    }

    /// Jira's form: `2023-06-24T19:24:50.000+0000`.
    public static func date(_ micros: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let iso = formatter.string(from: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
        return String(iso.prefix(19)) + ".000+0000"
    }

    private static func instant(_ jqlDate: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: jqlDate.replacingOccurrences(of: " ", with: "T") + ":00Z").map { Int64($0.timeIntervalSince1970 * 1_000_000) }
    }

    /// Issues updated within the JQL's `updated >= "…" AND updated < "…"` bounds, by `updated` ascending.
    public func matching(_ jql: String) -> [Issue] {
        let parts = jql.components(separatedBy: "\"")
        guard parts.count >= 4, let lower = Self.instant(parts[1]), let upper = Self.instant(parts[3]) else { return [] }
        return issues.filter { $0.updated >= lower && $0.updated < upper }.sorted { $0.updated < $1.updated }
    }

    func histories(_ issue: Issue) -> [String] {
        issue.statuses.enumerated().map { index, change in
            #"{"id":"\#(issue.key)-h\#(index)","created":"\#(Self.date(change.at))","author":{"accountId":"\#(change.author)","displayName":"User"},"items":[{"field":"status","fieldtype":"jira","fromString":"x","toString":"\#(change.status)","from":"1","to":"2"},{"field":"labels","fieldtype":"jira","toString":"l"}]}"#
        }
    }

    func issueJSON(_ issue: Issue) -> String {
        let all = histories(issue)
        let embedded = all.prefix(20).joined(separator: ",")
        let extra = extraFields.map { #","\#($0.key)":"\#($0.value)""# }.joined()
        return #"{"id":"1\#(issue.key.filter(\.isNumber))","key":"\#(issue.key)","fields":{"created":"\#(Self.date(issue.created))","updated":"\#(Self.date(issue.updated))","status":{"name":"\#(issue.statuses.last?.status ?? "Open")"},"creator":{"accountId":"creator-1"}\#(extra)},"changelog":{"startAt":0,"maxResults":20,"total":\#(all.count),"histories":[\#(embedded)]}}"#
    }

    /// The reply to a request for `search/jql` or `issue/{key}/changelog`; 404 for anything else.
    public func reply(_ request: FakeRequest) -> FakeReply {
        let query = Self.query(request.uri)
        if request.path == "/rest/api/3/search/jql" {
            let found = matching(query["jql"] ?? "")
            let start = Int(query["nextPageToken"] ?? "0") ?? 0
            let page = found.dropFirst(start).prefix(pageSize)
            let next = start + page.count < found.count ? #","nextPageToken":"\#(start + page.count)""# : ""
            return .json(#"{"isLast":\#(next.isEmpty),"issues":[\#(page.map(issueJSON).joined(separator: ","))]\#(next)}"#)
        }
        if request.path.hasPrefix("/rest/api/3/issue/"), request.path.hasSuffix("/changelog"),
           let issue = issues.first(where: { request.path == "/rest/api/3/issue/\($0.key)/changelog" }) {
            let all = histories(issue)
            let start = Int(query["startAt"] ?? "0") ?? 0
            let values = all.dropFirst(start).prefix(7)
            let isLast = start + values.count >= all.count
            return .json(#"{"startAt":\#(start),"maxResults":7,"total":\#(all.count),"isLast":\#(isLast),"values":[\#(values.joined(separator: ","))]}"#)
        }
        return .json(status: 404, #"{"errorMessages":["no such resource"],"errors":{}}"#)
    }

    /// The decoded query items of a request URI.
    public static func query(_ uri: String) -> [String: String] {
        guard let index = uri.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in uri[uri.index(after: index)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }
}
