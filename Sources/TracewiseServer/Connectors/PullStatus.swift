import TracewiseConnectors

/// A pull from a business system started through the API, as `GET /tenants/{t}/pulls/{id}` shows it: queued,
/// running, then succeeded (with the stored log, the analysis started on it and the connector's pull report) or
/// failed (with the reason; never a credential).
public struct PullStatus: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable {
        case queued, running, succeeded, failed
    }

    public var id: String
    public var source: ConnectorSource
    /// The window `[from, to)`, ISO 8601 UTC.
    public var from: String
    public var to: String
    /// The name the stored log is shown under.
    public var name: String
    public var status: State
    /// The stored log (the combined log of every pull of this source for the tenant), once succeeded.
    public var logID: String?
    /// The analysis started on it, when the request asked for one.
    public var analysisID: String?
    /// The connector's report: records, events, cases, cursor before and after, schema fingerprint and drift.
    public var report: PullReport?
    public var error: String?
    public var createdAt: String

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case id, source, from, to, name, status, logID = "logId", analysisID = "analysisId", report, error, createdAt
    }
}
