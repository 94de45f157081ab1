/// What a source's previous pulls left behind: the cursor, the events extracted so far (so an incremental
/// pull can produce the same log as a full one) and the record schema (for drift reports).
public struct PullState: Hashable, Sendable, Codable {
    public var cursor: ConnectorCursor
    public var events: [SourceEvent]
    public var schema: RecordSchema
    /// Every pull's report, oldest first.
    public var history: [PullReport]

    public init(cursor: ConnectorCursor, events: [SourceEvent], schema: RecordSchema, history: [PullReport]) {
        self.cursor = cursor
        self.events = events
        self.schema = schema
        self.history = history
    }
}

/// Keeps pull state per tenant and source. Hosts may conform (a database, a secrets-free key-value store);
/// ``FilePullStateStore`` is the embedded default.
public protocol PullStateStore: Sendable {
    func load(tenant: String, source: String) async throws -> PullState?
    func save(_ state: PullState, tenant: String, source: String) async throws
}
