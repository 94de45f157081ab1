/// Where the previous pull of a source stopped, so the next pull fetches only what changed since.
///
/// `highWaterMark` is the largest "last modified" time (µs) among records the pull processed completely;
/// the next pull asks the source for records modified at or after it. Records modified exactly at the mark
/// are fetched again and de-duplicated by event id, so nothing at the boundary is lost.
public struct ConnectorCursor: Hashable, Sendable, Codable {
    /// The connector's source name (`jira`, `salesforce`, …).
    public var source: String
    /// The largest modification time seen among fully processed records, in µs since the epoch.
    public var highWaterMark: Int64
    /// A source-specific continuation token (Marketo's paging token), when the source has one.
    public var token: String?

    public init(source: String, highWaterMark: Int64, token: String? = nil) {
        self.source = source
        self.highWaterMark = highWaterMark
        self.token = token
    }
}
