/// The filters a store can apply where the log lives (SQL push-down) before aggregating: a time range, an
/// activity subset and an attribute-value condition. Applied in that order, they select exactly what
/// `log.filteringTimeRange(from:to:mode:)`, then `keepingActivities(_:)`, then
/// ``EventLog/filteringAttribute(_:values:scope:keep:)`` select in memory.
///
/// ```swift
/// let filter = StoredLogFilter(activities: ["Approve", "Pay"],
///                              attribute: .init(key: "region", values: [.string("South")], scope: .trace))
/// let graph = try await store.directlyFollowsSummary(of: "orders", tenant: "acme", filter: filter)
/// ```
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

    /// Cases or events kept (or removed) by the value of one attribute, with
    /// ``EventLog/filteringAttribute(_:values:scope:keep:)``'s semantics: values compare typed, a missing
    /// attribute matches nothing, `.casesWithEvent` looks at the events the earlier filters left.
    public struct AttributeCondition: Sendable, Hashable {
        public var key: String
        public var values: Set<AttributeValue>
        public var scope: AttributeFilterScope
        /// False removes what matches instead of keeping it.
        public var keep: Bool

        public init(key: String, values: Set<AttributeValue>, scope: AttributeFilterScope, keep: Bool = true) {
            self.key = key
            self.values = values
            self.scope = scope
            self.keep = keep
        }
    }

    public var timeRange: TimeRange?
    /// Keep only events with these activities (cases left empty are dropped).
    public var activities: Set<String>?
    public var attribute: AttributeCondition?

    public init(timeRange: TimeRange? = nil, activities: Set<String>? = nil, attribute: AttributeCondition? = nil) {
        self.timeRange = timeRange
        self.activities = activities
        self.attribute = attribute
    }

    /// True when nothing is filtered (empty cases are then kept, as in the unfiltered log).
    public var isEmpty: Bool { timeRange == nil && activities == nil && attribute == nil }

    /// The same filter applied in memory.
    public func apply(to log: EventLog) -> EventLog {
        var result = log
        if let timeRange {
            result = result.filteringTimeRange(from: Timestamp(microseconds: timeRange.fromMicroseconds),
                                               to: Timestamp(microseconds: timeRange.toMicroseconds), mode: timeRange.mode)
        }
        if let activities { result = result.keepingActivities(activities) }
        if let attribute {
            result = result.filteringAttribute(attribute.key, values: attribute.values, scope: attribute.scope, keep: attribute.keep)
        }
        return result
    }
}
