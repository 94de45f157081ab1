/// The filters a store can apply where the log lives (SQL push-down) before aggregating: a time range and
/// an activity subset. Applied in that order, they select exactly what
/// `log.filteringTimeRange(from:to:mode:)` then `keepingActivities(_:)` select in memory.
public struct StoredLogFilter: Sendable, Hashable {
    /// A time range in UTC microseconds, both ends inclusive, with ``TimeRangeMode`` semantics.
    public struct TimeRange: Sendable, Hashable {
        public var fromMicroseconds: Int64
        public var toMicroseconds: Int64
        public var mode: TimeRangeMode

        public init(fromMicroseconds: Int64, toMicroseconds: Int64, mode: TimeRangeMode) {
            self.fromMicroseconds = fromMicroseconds
            self.toMicroseconds = toMicroseconds
            self.mode = mode
        }
    }

    public var timeRange: TimeRange?
    /// Keep only events with these activities (cases left empty are dropped).
    public var activities: Set<String>?

    public init(timeRange: TimeRange? = nil, activities: Set<String>? = nil) {
        self.timeRange = timeRange
        self.activities = activities
    }

    /// True when nothing is filtered (empty cases are then kept, as in the unfiltered log).
    public var isEmpty: Bool { timeRange == nil && activities == nil }

    /// The same filter applied in memory.
    public func apply(to log: EventLog) -> EventLog {
        var result = log
        if let timeRange {
            result = result.filteringTimeRange(from: Timestamp(microseconds: timeRange.fromMicroseconds),
                                               to: Timestamp(microseconds: timeRange.toMicroseconds), mode: timeRange.mode)
        }
        if let activities { result = result.keepingActivities(activities) }
        return result
    }
}
