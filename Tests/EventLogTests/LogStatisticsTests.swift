import EventLog
import XCTest

final class LogStatisticsTests: XCTestCase {
    /// Three cases: a-b-c (twice) and a-c; durations 10 s, 30 s and 0 s.
    private func smallLog() -> EventLog {
        var builder = EventLogBuilder()
        let traces: [[(String, Int64)]] = [
            [("a", 0), ("b", 5), ("c", 10)],
            [("a", 100), ("c", 100)],
            [("a", 200), ("b", 210), ("c", 230)],
        ]
        for (i, trace) in traces.enumerated() {
            builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("case-\(i)"))])
            for (activity, seconds) in trace {
                builder.addEvent(activity: activity, timestamp: Timestamp(microseconds: seconds * 1_000_000))
            }
        }
        return builder.build()
    }

    func testCountsStartEndAndVariants() {
        let stats = LogStatistics(smallLog())
        XCTAssertEqual(stats.caseCount, 3)
        XCTAssertEqual(stats.eventCount, 8)
        XCTAssertEqual(stats.activities, ["a": 3, "b": 2, "c": 3])
        XCTAssertEqual(stats.startActivities, ["a": 3])
        XCTAssertEqual(stats.endActivities, ["c": 3])
        XCTAssertEqual(stats.variants, [Variant(activities: ["a", "b", "c"], count: 2),
                                        Variant(activities: ["a", "c"], count: 1)])
        XCTAssertEqual(stats.variantIndex.variantOfCase, [0, 1, 0])
    }

    func testCaseDurationsAndPercentiles() {
        let stats = LogStatistics(smallLog())
        XCTAssertEqual(stats.caseDurations.sorted, [0, 10, 30])
        XCTAssertEqual(stats.caseDurations.median, 10)
        XCTAssertEqual(stats.caseDurations.mean, 40.0 / 3.0)
        XCTAssertEqual(stats.caseDurations.percentile(75), 20)
        XCTAssertEqual(stats.caseDurations.percentile(100), 30)
        XCTAssertEqual(stats.eventsPerCase.mean, 8.0 / 3.0)
        XCTAssertEqual(DistributionSummary([1, 2, 3, 4]).median, 2.5)
    }

    func testVariantOrderIsCountThenUnicodeScalarsWithPrefixFirst() {
        var builder = EventLogBuilder()
        for sequence in [["b"], ["a", "b"], ["a"], ["B"], ["é"], ["e"]] {
            builder.startTrace()
            for activity in sequence { builder.addEvent(activity: activity) }
        }
        let names = LogStatistics(builder.build()).variants.map(\.activities)
        XCTAssertEqual(names, [["B"], ["a"], ["a", "b"], ["b"], ["e"], ["é"]])
    }

    func testExactMeanAvoidsSummationError() {
        let values = [1e16, 1, -1e16, 1] + Array(repeating: 0.1, count: 10)
        // Expected values are Python's `statistics.mean` of the same inputs.
        XCTAssertEqual(DistributionSummary(values).mean, 0.2142857142857143)
        XCTAssertEqual(DistributionSummary([1e300, 1e300, -1e300, .leastNonzeroMagnitude, 7.5]).mean, 2e299)
        XCTAssertEqual(DistributionSummary([0.1, 0.2, 0.3]).mean, 0.2)
        XCTAssertEqual(DistributionSummary([-2.5, -3.5]).mean, -3)
        XCTAssertEqual(DistributionSummary([]).mean, 0)
    }

    func testDirectlyFollowsPairs() {
        let log = smallLog()
        let pairs = log.directlyFollowsPairs().map { (log.activityNames[Int($0.from)], log.activityNames[Int($0.to)], $0.count) }
        XCTAssertEqual(pairs.map(\.0), ["a", "a", "b"])
        XCTAssertEqual(pairs.map(\.1), ["b", "c", "c"])
        XCTAssertEqual(pairs.map(\.2), [2, 1, 2])
    }
}
