import EventLog

/// The half-open time window `[from, to)` a pull extracts, in microseconds since the epoch (UTC).
public struct PullWindow: Hashable, Sendable, Codable {
    public var from: Int64
    public var to: Int64

    public init(from: Int64, to: Int64) throws {
        guard from < to else { throw ConnectorError.invalidWindow(from: from, to: to) }
        self.from = from
        self.to = to
    }

    /// Whether `microseconds` lies in the window.
    public func contains(_ microseconds: Int64) -> Bool { microseconds >= from && microseconds < to }

    /// The window's start as ISO 8601 (`2025-01-01T00:00:00Z`).
    public var fromISO: String { SourceTimestamp.iso8601(from) }
    /// The window's end as ISO 8601.
    public var toISO: String { SourceTimestamp.iso8601(to) }
}
