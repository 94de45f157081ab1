/// A point in time as stored in an event log: microseconds since the Unix epoch (UTC),
/// plus the UTC offset the source wrote, when it wrote one.
///
/// Keeping the offset lets an exported XES file say `+02:00` where the input did, while
/// every computation uses the UTC microseconds only. Sub-microsecond digits are truncated.
public struct Timestamp: Hashable, Sendable, Codable, Comparable {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microseconds: Int64
    /// The offset from UTC in minutes that the source text carried (`Z` is 0), or nil when it had none.
    public var utcOffsetMinutes: Int16?

    public init(microseconds: Int64, utcOffsetMinutes: Int16? = nil) {
        self.microseconds = microseconds
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Seconds since the epoch as a `Double`, for durations and display.
    public var seconds: Double { Double(microseconds) / 1_000_000 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// The sentinel used in dense timestamp columns for "no timestamp".
    public static let missing: Int64 = .min
}
