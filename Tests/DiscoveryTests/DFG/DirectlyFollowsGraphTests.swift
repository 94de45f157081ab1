import Discovery
import EventLog
import XCTest

final class DirectlyFollowsGraphTests: XCTestCase {
    /// Builds a log from traces of (activity, seconds) pairs.
    static func log(_ traces: [[(String, Int64?)]]) -> EventLog {
        var builder = EventLogBuilder()
        for (i, trace) in traces.enumerated() {
            builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c\(i)"))])
            for (activity, seconds) in trace {
                builder.addEvent(activity: activity, timestamp: seconds.map { Timestamp(microseconds: $0 * 1_000_000) })
            }
        }
        return builder.build()
    }

    func testCountsEdgesStartsEndsAndActivities() {
        let log = Self.log([
            [("a", 0), ("b", 10), ("c", 20)],
            [("a", 0), ("c", 5)],
            [("a", 0), ("b", 1), ("b", 2)],
        ])
        let dfg = DirectlyFollowsGraph(log)
        let code = { (name: String) in dfg.activityNames.firstIndex(of: name)! }
        XCTAssertEqual(dfg.count(from: code("a"), to: code("b")), 2)
        XCTAssertEqual(dfg.count(from: code("b"), to: code("b")), 1)
        XCTAssertEqual(dfg.count(from: code("a"), to: code("c")), 1)
        XCTAssertEqual(dfg.count(from: code("c"), to: code("a")), 0)
        XCTAssertEqual(dfg.edges.count, 4)
        XCTAssertEqual(dfg.startActivities, ["a": 3])
        XCTAssertEqual(dfg.endActivities, ["c": 2, "b": 1])
        XCTAssertEqual(dfg.activities, ["a": 3, "b": 3, "c": 2])
        XCTAssertEqual(dfg.caseCount, 3)
    }

    func testEventsAreTakenInTimestampOrderWithStableTiesAndMissingLast() {
        let log = Self.log([[("b", 10), ("x", nil), ("a", 0), ("c", 10)]])
        let dfg = DirectlyFollowsGraph(log)
        let names = dfg.edges.map { "\(dfg.activityNames[$0.source])>\(dfg.activityNames[$0.target])" }
        XCTAssertEqual(Set(names), ["a>b", "b>c", "c>x"])
        // Start and end activities are the first and last events in file order (PM4Py's get_start_activities).
        XCTAssertEqual(dfg.startActivities, ["b": 1])
        XCTAssertEqual(dfg.endActivities, ["c": 1])
    }

    func testPerformanceStatisticsPerEdge() throws {
        let log = Self.log([
            [("a", 0), ("b", 10)],
            [("a", 0), ("b", 20)],
            [("a", 100), ("b", 160)],
            [("a", 0), ("b", 30), ("a", 31)],
        ])
        let performance = PerformanceDirectlyFollowsGraph(log)
        let ab = try XCTUnwrap(performance.edges.first { performance.activityNames[$0.source] == "a" && performance.activityNames[$0.target] == "b" })
        XCTAssertEqual(ab.count, 4)
        XCTAssertEqual(ab.meanSeconds, 30, accuracy: 1e-9)
        XCTAssertEqual(ab.medianSeconds, 25, accuracy: 1e-9)
        XCTAssertEqual(ab.minSeconds, 10)
        XCTAssertEqual(ab.maxSeconds, 60)
        XCTAssertEqual(ab.totalSeconds, 120)
        let ba = try XCTUnwrap(performance.edges.first { performance.activityNames[$0.source] == "b" })
        XCTAssertEqual(ba.count, 1)
        XCTAssertEqual(ba.medianSeconds, 1)
    }

    /// Medians come from selection, not sorting: check them against the sorted middle on random durations
    /// with many ties, odd and even counts, already sorted and reversed inputs.
    func testPerformanceMediansEqualTheSortedMiddleOnRandomDurations() throws {
        var random = SystemRandomNumberGenerator()
        for round in 0..<60 {
            let count = 1 + round * 7
            var durations = (0..<count).map { _ in Int64.random(in: 0...(round % 3 == 0 ? 5 : 100_000), using: &random) }
            if round % 5 == 1 { durations.sort() }
            if round % 5 == 2 { durations.sort(by: >) }
            let log = Self.log(durations.map { [("a", 0), ("b", $0)] })
            let edge = try XCTUnwrap(PerformanceDirectlyFollowsGraph(log).edges.first)
            let sorted = durations.sorted()
            let middle = sorted.count / 2
            let expected = sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
            XCTAssertEqual(edge.medianSeconds, expected, "round \(round)")
            XCTAssertEqual(edge.minSeconds, Double(sorted.first!))
            XCTAssertEqual(edge.maxSeconds, Double(sorted.last!))
        }
    }

    func testEmptyCasesAreCountedButContributeNothing() {
        var builder = EventLogBuilder()
        builder.startTrace()
        builder.startTrace()
        builder.addEvent(activity: "a")
        let dfg = DirectlyFollowsGraph(builder.build())
        XCTAssertEqual(dfg.emptyCaseCount, 1)
        XCTAssertEqual(dfg.caseCount, 2)
        XCTAssertTrue(dfg.edges.isEmpty)
        XCTAssertEqual(dfg.startActivities, ["a": 1])
    }
}
