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

    public init(_ statistics: LogStatistics) {
        cases = statistics.caseCount
        events = statistics.eventCount
        activities = statistics.activities
        startActivities = statistics.startActivities
        endActivities = statistics.endActivities
        variants = statistics.variants
    }
}
