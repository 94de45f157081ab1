import EventLog
import XCTest

final class FilterTests: XCTestCase {
    /// c1: a b c (t 0,10,20, region N) · c2: a c (t 100,400, region S) · c3: a b b c (t 50,60,70,80, region N) · c4: b (t 1000)
    private let log: EventLog = {
        var builder = EventLogBuilder()
        let cases: [(String, String, [(String, Int64, String)])] = [
            ("c1", "N", [("a", 0, "ann"), ("b", 10, "bob"), ("c", 20, "ann")]),
            ("c2", "S", [("a", 100, "bob"), ("c", 400, "bob")]),
            ("c3", "N", [("a", 50, "ann"), ("b", 60, "ann"), ("b", 70, "bob"), ("c", 80, "ann")]),
            ("c4", "S", [("b", 1000, "cid")]),
        ]
        for (id, region, events) in cases {
            builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string(id)),
                                            Attribute(key: "region", value: .string(region))])
            for (activity, seconds, resource) in events {
                builder.addEvent(activity: activity, timestamp: Timestamp(microseconds: seconds * 1_000_000), resource: resource)
            }
        }
        return builder.build()
    }()

    private func ids(_ log: EventLog) -> [String] { (0..<log.caseCount).compactMap { log.caseID($0) } }
    private func activities(_ log: EventLog) -> [[String]] { log.traces.map { $0.map { log.activityNames[Int($0.activity)] } } }
    private func t(_ seconds: Int64) -> Timestamp { Timestamp(microseconds: seconds * 1_000_000) }

    func testTimeRangeModes() {
        XCTAssertEqual(ids(log.filteringTimeRange(from: t(0), to: t(100), mode: .contained)), ["c1", "c3"])
        XCTAssertEqual(ids(log.filteringTimeRange(from: t(0), to: t(100), mode: .intersecting)), ["c1", "c2", "c3"])
        let trimmed = log.filteringTimeRange(from: t(15), to: t(100), mode: .trimEvents)
        XCTAssertEqual(activities(trimmed), [["c"], ["a"], ["a", "b", "b", "c"]])
        XCTAssertEqual(trimmed.provenance.steps.last?.name, "filterTimeRange")
        XCTAssertEqual(trimmed.provenance.steps.last?.eventsBefore, 10)
        XCTAssertEqual(trimmed.provenance.steps.last?.eventsAfter, 6)
        XCTAssertEqual(trimmed.provenance.steps.last?.casesAfter, 3)
    }

    func testActivityKeepDrop() {
        XCTAssertEqual(activities(log.keepingActivities(["b"])), [["b"], ["b", "b"], ["b"]])
        XCTAssertEqual(activities(log.droppingActivities(["b"])), [["a", "c"], ["a", "c"], ["a", "c"]])
        XCTAssertEqual(log.droppingActivities(["b"]).provenance.steps.map(\.name), ["dropActivities"])
    }

    func testVariantsTopKAndCoverage() {
        XCTAssertEqual(ids(log.keepingTopVariants(1)), ["c3"], "all counts are 1: a b b c sorts first")
        XCTAssertEqual(ids(log.keepingTopVariants(2)), ["c1", "c3"])
        XCTAssertEqual(ids(log.keepingVariants(coverage: 50)), ["c1", "c3"])
        XCTAssertEqual(ids(log.keepingVariants(coverage: 51)), ["c1", "c2", "c3"])
        XCTAssertEqual(ids(log.keepingVariants(coverage: 100)).count, 4)
    }

    func testCaseSizeAndDuration() {
        XCTAssertEqual(ids(log.filteringCaseSize(2...3)), ["c1", "c2"])
        XCTAssertEqual(ids(log.filteringCaseSize(0...1)), ["c4"])
        XCTAssertEqual(ids(log.filteringCaseDuration(seconds: 20...60)), ["c1", "c3"])
        XCTAssertEqual(ids(log.filteringCaseDuration(seconds: 100 ... .infinity)), ["c2"])
    }

    func testAttributeScopes() {
        XCTAssertEqual(ids(log.filteringAttribute("region", values: [.string("S")], scope: .trace)), ["c2", "c4"])
        XCTAssertEqual(ids(log.filteringAttribute("region", values: [.string("S")], scope: .trace, keep: false)), ["c1", "c3"])
        XCTAssertEqual(ids(log.filteringAttribute("org:resource", values: [.string("cid")], scope: .casesWithEvent)), ["c4"])
        let noBob = log.filteringAttribute("org:resource", values: [.string("bob")], scope: .events, keep: false)
        XCTAssertEqual(activities(noBob), [["a", "c"], ["a", "b", "c"], ["b"]])
        XCTAssertEqual(noBob.provenance.steps.last?.parameters["scope"], "events")
        XCTAssertEqual(log.filteringAttribute("missing", values: [.string("x")], scope: .events).caseCount, 0)
    }

    func testStartEndAndDirectlyFollows() {
        XCTAssertEqual(ids(log.filteringStartActivities(["b"])), ["c4"])
        XCTAssertEqual(ids(log.filteringEndActivities(["c"])), ["c1", "c2", "c3"])
        XCTAssertEqual(ids(log.filteringDirectlyFollows(from: "b", to: "b", present: true)), ["c3"])
        XCTAssertEqual(ids(log.filteringDirectlyFollows(from: "a", to: "b", present: false)), ["c2", "c4"])
        XCTAssertEqual(ids(log.filteringDirectlyFollows(from: "zz", to: "b", present: false)).count, 4)
    }

    func testFiltersChainProvenance() {
        let chained = log.filteringCaseSize(2...10).keepingTopVariants(1)
        XCTAssertEqual(chained.provenance.steps.map(\.name), ["filterCaseSize", "keepTopVariants"])
        XCTAssertEqual(chained.provenance.steps.map(\.casesAfter), [3, 1])
        XCTAssertEqual(ids(chained), ["c3"])
    }
}
