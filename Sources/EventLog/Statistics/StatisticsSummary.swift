/// The headline statistics in the shape `tracewise stats --format json` prints (a CLI contract):
/// `{"cases":N,"events":N,"activities":{name:count},"startActivities":{..},"endActivities":{..},
/// "variants":[{"activities":[..],"count":N},..]}`, variants in ``Variant/precedes(_:_:)`` order.
public struct StatisticsSummary: Hashable, Sendable, Codable {
    public var cases: Int
    public var events: Int
    public var activities: [String: Int]
    public var startActivities: [String: Int]
    public var endActivities: [String: Int]
    public var variants: [Variant]

    /// Assembles a summary from counts computed elsewhere (a database, say), ordering `variants` as the
    /// contract requires (``Variant/precedes(_:_:)``).
    public init(cases: Int, events: Int, activities: [String: Int], startActivities: [String: Int],
                endActivities: [String: Int], variants: [Variant]) {
        self.cases = cases
        self.events = events
        self.activities = activities
        self.startActivities = startActivities
        self.endActivities = endActivities
        self.variants = variants.sorted(by: Variant.precedes)
    }

    public init(_ statistics: LogStatistics) {
        cases = statistics.caseCount
        events = statistics.eventCount
        activities = statistics.activities
        startActivities = statistics.startActivities
        endActivities = statistics.endActivities
        variants = statistics.variants
    }
}
