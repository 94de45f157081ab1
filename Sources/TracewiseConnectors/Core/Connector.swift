/// A read-only source of business events: Jira, Salesforce, HubSpot, Xero, Marketo or a configured REST API.
///
/// A connector pulls the records of a time window page by page and maps each record to events; it never
/// writes to the source (only `GET` and search `POST`s are ever sent). Hosts may conform their own
/// sources; ``PullRunner`` turns the pages into an `EventLog` with provenance, a cursor and a drift report.
///
/// ```swift
/// let jira = JiraConnector(baseURL: url, credentials: try JiraCredentials(environment: env), client: client)
/// let result = try await PullRunner().run(jira, window: window, previous: nil)
/// print(result.report.events, result.report.cursor)
/// ```
public protocol Connector: Sendable {
    /// The source's name as used in cursors and provenance (`jira`, `salesforce`, …).
    var source: String { get }
    /// The records changed in `window`, and at or after `cursor`'s high-water mark when one is given,
    /// as pages mapped to events. The stream ends after the last page; cancelling the task stops it.
    func pages(window: PullWindow, after cursor: ConnectorCursor?, options: PullOptions) -> AsyncThrowingStream<ConnectorPage, any Error>
}

/// How a pull treats bad records and how long it may run.
public struct PullOptions: Hashable, Sendable {
    /// Skip records that cannot be mapped (counted and listed in the report) instead of failing.
    public var lenient: Bool
    /// The most records a page asks for (the source may cap it lower).
    public var pageSize: Int
    /// The least time between two saves of the pull's state while pages arrive (``PullRunner`` also waits
    /// four times as long as the last save took, so saving never costs more than a fifth of the pull).
    /// A pull that fails resumes from the last save; the state is always saved after the last page.
    /// `.zero` saves after every page, however long saving takes.
    public var checkpointInterval: Duration

    public init(lenient: Bool = false, pageSize: Int = 100, checkpointInterval: Duration = .seconds(1)) {
        self.lenient = lenient
        self.pageSize = pageSize
        self.checkpointInterval = max(.zero, checkpointInterval)
    }
}

/// One page of a pull: the raw records (for counts and the schema fingerprint) and the events mapped from them.
public struct ConnectorPage: Sendable {
    /// The endpoint the page came from (path only; never a credential).
    public var endpoint: String
    public var records: [JSONValue]
    public var events: [SourceEvent]
    /// Records a lenient pull skipped, with the reason.
    public var skipped: [SkippedRecord]
    /// The largest modification time among this page's records (µs), when the source reports one.
    public var highWaterMark: Int64?
    /// A continuation token to store in the cursor (Marketo).
    public var token: String?

    public init(endpoint: String, records: [JSONValue], events: [SourceEvent], skipped: [SkippedRecord] = [],
                highWaterMark: Int64? = nil, token: String? = nil) {
        self.endpoint = endpoint
        self.records = records
        self.events = events
        self.skipped = skipped
        self.highWaterMark = highWaterMark
        self.token = token
    }
}

/// A record a lenient pull left out, and why.
public struct SkippedRecord: Hashable, Sendable, Codable {
    public var page: Int
    public var record: Int
    public var pointer: String
    public var reason: String

    public init(page: Int, record: Int, pointer: String, reason: String) {
        self.page = page
        self.record = record
        self.pointer = pointer
        self.reason = reason
    }
}
