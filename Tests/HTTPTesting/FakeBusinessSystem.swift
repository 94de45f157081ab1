import Foundation

/// A generated sales process served in the documented shapes of each source we extract from (api-shapes.md):
/// `cases` deals (or issues, invoices, leads), each moving through `stages` at known times, paged the way
/// the source pages. Used for throughput figures and for checking that a pull returns every record at scale.
///
/// Case `i` reaches stage `s` at `start + i minutes + s hours`; resources are `user-(i % 7)`.
public struct FakeBusinessSystem: Sendable {
    /// The sources this fake can imitate.
    public enum Source: String, Sendable, CaseIterable {
        case jira, salesforce, hubspot, xero, marketo
    }

    public let source: Source
    public let cases: Int
    public let stages: [String]
    public let start: Int64
    /// Each record's JSON, rendered once so that serving a page costs little next to the client reading it:
    /// stage changes by time (Salesforce, Marketo), or one entry per case (HubSpot: search hit and batch-read
    /// deal; Xero: invoice and history).
    private var rendered: [String] = []
    private var detail: [String] = []
    private var jira: FakeJira?

    private static let minute: Int64 = 60_000_000
    private static let hour: Int64 = 3_600_000_000

    public init(_ source: Source, cases: Int, stages: [String] = ["Prospecting", "Qualification", "Proposal", "Closed Won"],
                start: Int64 = 1_735_689_600_000_000) {
        self.source = source
        self.cases = cases
        self.stages = stages
        self.start = start
        render()
    }

    /// When case `i` reached stage `s` (µs since the epoch).
    public func time(case i: Int, stage s: Int) -> Int64 { start + Int64(i) * Self.minute + Int64(s) * Self.hour }

    /// The records a full pull counts: one per case for Jira, HubSpot and Xero; one per stage change for
    /// Salesforce's `OpportunityHistory` and Marketo's activities.
    public var records: Int {
        switch source {
        case .jira, .hubspot, .xero: cases
        case .salesforce, .marketo: cases * stages.count
        }
    }

    /// The events a full pull extracts (Jira adds a `Created` event per issue).
    public var events: Int { source == .jira ? cases * (stages.count + 1) : cases * stages.count }

    /// The end of a window that holds every record.
    public var end: Int64 { time(case: cases, stage: stages.count) + Self.hour }

    /// Answers one request as the source would.
    public func reply(_ request: FakeRequest) -> FakeReply {
        switch source {
        case .jira: jiraSearch(request)
        case .salesforce: salesforce(request)
        case .hubspot: hubspot(request)
        case .xero: xero(request)
        case .marketo: marketo(request)
        }
    }

    private mutating func render() {
        func msDate(_ micros: Int64) -> String { "/Date(\(micros / 1000)+0000)/" }
        let last = stages.count - 1
        let changes = (0..<cases).flatMap { i in stages.indices.map { (case: i, stage: $0) } }
            .sorted { time(case: $0.case, stage: $0.stage) < time(case: $1.case, stage: $1.stage) }
        switch source {
        case .jira:
            var fake = FakeJira(issues: (0..<cases).map { i in
                FakeJira.Issue(key: "S-\(i)", created: time(case: i, stage: 0) - Self.minute / 2,
                               statuses: stages.indices.map { .init(stages[$0], at: time(case: i, stage: $0), by: "user-\(i % 7)") })
            })
            fake.pageSize = 100
            jira = fake
            rendered = fake.issues.map(fake.issueJSON)
        case .salesforce:
            rendered = changes.map { change in
                let at = FakeJira.date(time(case: change.case, stage: change.stage))
                return #"{"attributes":{"type":"OpportunityHistory"},"Id":"h\#(change.case)-\#(change.stage)","OpportunityId":"o\#(change.case)","StageName":"\#(stages[change.stage])","Amount":\#(1000 + change.case),"CreatedDate":"\#(at)","CreatedById":"user-\#(change.case % 7)"}"#
            }
        case .marketo:
            rendered = changes.map { change in
                #"{"id":\#(change.case * stages.count + change.stage),"marketoGUID":"g\#(change.case)-\#(change.stage)","leadId":\#(change.case),"activityDate":"\#(Self.utc(time(case: change.case, stage: change.stage)))","activityTypeId":\#(change.stage + 1)}"#
            }
        case .hubspot:
            rendered = (0..<cases).map { #"{"id":"d\#($0)","properties":{"hs_lastmodifieddate":"\#(Self.utc(time(case: $0, stage: last)))"}}"# }
            detail = (0..<cases).map { i in
                let history = stages.indices.reversed().map { s in
                    #"{"value":"\#(stages[s])","timestamp":"\#(Self.utc(time(case: i, stage: s), fraction: true))","sourceType":"CRM_UI","sourceId":"user-\#(i % 7)"}"#
                }
                return #"{"id":"d\#(i)","properties":{"hs_lastmodifieddate":"\#(Self.utc(time(case: i, stage: last)))"},"propertiesWithHistory":{"dealstage":[\#(history.joined(separator: ","))]},"archived":false}"#
            }
        case .xero:
            rendered = (0..<cases).map { #"{"InvoiceID":"inv-\#($0)","Status":"PAID","UpdatedDateUTC":"\#(msDate(time(case: $0, stage: last)))"}"# }
            detail = (0..<cases).map { i in
                let records = stages.indices.map { #"{"Changes":"\#(stages[$0])","DateUTC":"\#(msDate(time(case: i, stage: $0)))","User":"user-\#(i % 7)"}"# }
                return #"{"HistoryRecords":[\#(records.joined(separator: ","))]}"#
            }
        }
    }

    private static func utc(_ micros: Int64, fraction: Bool = false) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fraction ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
    }

    /// Jira's `search/jql` from the rendered issues (the window's issues are a contiguous run: issue `i` is
    /// last updated at `time(i, last stage)`, increasing with `i`); changelogs from ``FakeJira``.
    private func jiraSearch(_ request: FakeRequest) -> FakeReply {
        guard let jira else { return .json(status: 500, "{}") }
        guard request.path == "/rest/api/3/search/jql" else { return jira.reply(request) }
        let query = FakeJira.query(request.uri)
        let found = jira.matching(query["jql"] ?? "")
        guard let first = found.first.flatMap({ Int($0.key.dropFirst(2)) }) else { return .json(#"{"isLast":true,"issues":[]}"#) }
        let start = Int(query["nextPageToken"] ?? "0") ?? 0
        let page = rendered[(first + min(start, found.count))..<(first + min(start + jira.pageSize, found.count))]
        let next = start + page.count < found.count ? #","nextPageToken":"\#(start + page.count)""# : ""
        return .json(#"{"isLast":\#(next.isEmpty),"issues":[\#(page.joined(separator: ","))]\#(next)}"#)
    }

    private func salesforce(_ request: FakeRequest) -> FakeReply {
        let pageSize = 2000
        let offset: Int
        if let marker = request.path.components(separatedBy: "/query/history-").last, marker != request.path {
            offset = Int(marker) ?? 0
        } else if (FakeJira.query(request.uri)["q"] ?? "").contains("FROM OpportunityHistory") {
            offset = 0
        } else {
            return .json(#"{"totalSize":0,"done":true,"records":[]}"#)
        }
        let all = rendered
        let page = all.dropFirst(offset).prefix(pageSize)
        let done = offset + page.count >= all.count
        let next = done ? "" : #","nextRecordsUrl":"/services/data/v62.0/query/history-\#(offset + page.count)""#
        return .json(#"{"totalSize":\#(all.count),"done":\#(done)\#(next),"records":[\#(page.joined(separator: ","))]}"#)
    }

    private func hubspot(_ request: FakeRequest) -> FakeReply {
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        if request.path.hasSuffix("/search") {
            let after = Int(body["after"] as? String ?? "0") ?? 0
            let limit = body["limit"] as? Int ?? 100
            let ids = (after..<min(cases, after + limit))
            let results = ids.map { rendered[$0] }
            let next = after + ids.count < cases ? #","paging":{"next":{"after":"\#(after + ids.count)"}}"# : ""
            return .json(#"{"total":\#(cases),"results":[\#(results.joined(separator: ","))]\#(next)}"#)
        }
        let ids = (body["inputs"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String).flatMap { Int($0.dropFirst()) } }
        let deals = ids.filter { (0..<cases).contains($0) }.map { detail[$0] }
        return .json(#"{"status":"COMPLETE","results":[\#(deals.joined(separator: ","))]}"#)
    }

    private func xero(_ request: FakeRequest) -> FakeReply {
        if request.path == "/Invoices" {
            let page = max(1, Int(FakeJira.query(request.uri)["page"] ?? "1") ?? 1)
            let ids = min(cases, (page - 1) * 100)..<min(cases, page * 100)
            let invoices = ids.map { rendered[$0] }
            let pageCount = (cases + 99) / 100
            return .json(#"{"Status":"OK","pagination":{"page":\#(page),"pageSize":100,"pageCount":\#(pageCount),"itemCount":\#(cases)},"Invoices":[\#(invoices.joined(separator: ","))]}"#)
        }
        guard let i = Int(request.path.replacingOccurrences(of: "/Invoices/inv-", with: "").replacingOccurrences(of: "/History", with: "")),
              (0..<cases).contains(i) else {
            return .json(status: 404, #"{"Message":"not found"}"#)
        }
        return .json(detail[i])
    }

    private func marketo(_ request: FakeRequest) -> FakeReply {
        switch request.path {
        case "/identity/oauth/token":
            return .json(#"{"access_token":"fake-token","token_type":"bearer","expires_in":3599,"scope":"x"}"#)
        case "/rest/v1/activities/types.json":
            let types = stages.indices.map { #"{"id":\#($0 + 1),"name":"\#(stages[$0])"}"# }
            return .json(#"{"success":true,"result":[\#(types.joined(separator: ","))]}"#)
        case "/rest/v1/activities/pagingtoken.json":
            return .json(#"{"requestId":"r","success":true,"nextPageToken":"P0"}"#)
        default:
            let offset = Int((FakeJira.query(request.uri)["nextPageToken"] ?? "P0").dropFirst()) ?? 0
            let all = rendered
            let page = all.dropFirst(offset).prefix(300)
            let more = offset + page.count < all.count
            return .json(#"{"requestId":"r","success":true,"nextPageToken":"P\#(offset + page.count)","moreResult":\#(more),"result":[\#(page.joined(separator: ","))]}"#)
        }
    }
}
