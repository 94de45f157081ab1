import TracewiseConnectors

/// The body of `POST /tenants/{t}/pulls`: which source, the window, and what to do with the log.
struct PullRequest: Codable, Sendable {
    var source: ConnectorSource
    /// The window's start (inclusive) and end (exclusive): ISO 8601 dates or date-times, UTC unless an offset is given.
    var from: String
    var to: String
    /// The name the log is listed under (default: `<source> <from>–<to>`).
    var name: String?
    /// Skip records that cannot be mapped (listed in the report) instead of failing the pull.
    var lenient: Bool?
    /// Start an analysis with default options on the pulled log (default true).
    var analyze: Bool?
}
