import Discovery
import EventLog
import XCTest

/// The event-order rules of docs/eventlog.md ("Event order"), each pinned on a small hand-made log.
final class EventOrderTests: XCTestCase {
    private func edges(_ dfg: DirectlyFollowsGraph) -> [String: Int] {
        var result: [String: Int] = [:]
        for edge in dfg.edges { result["\(dfg.activityNames[edge.source])>\(dfg.activityNames[edge.target])"] = edge.count }
        return result
    }

    private func variants(_ log: VariantLog) -> [[String]] {
        log.traces.map { $0.map { log.activityNames[Int($0)] } }
    }

    /// a@02:00, b@01:00, c@03:00: start/end activities in file order everywhere, edges in time order.
    func testStartAndEndActivitiesFollowFileOrderAndEdgesFollowTimeOrder() throws {
        let log = try EventOrderFixtures.read(EventOrderFixtures.outOfOrderTrace, extension: "xes")
        let statistics = LogStatistics(log)
        let dfg = DirectlyFollowsGraph(log)
        XCTAssertEqual(statistics.startActivities, ["a": 1])
        XCTAssertEqual(statistics.endActivities, ["c": 1])
        XCTAssertEqual(dfg.startActivities, statistics.startActivities)
        XCTAssertEqual(dfg.endActivities, statistics.endActivities)
        XCTAssertEqual(edges(dfg), ["b>a": 1, "a>c": 1])
        XCTAssertEqual(statistics.variants.map(\.activities), [["a", "b", "c"]], "stats variants: file order")
        XCTAssertEqual(variants(VariantLog(log)), [["b", "a", "c"]], "miner variants: time order")
        let performance = PerformanceDirectlyFollowsGraph(log)
        XCTAssertEqual(performance.edges.map(\.meanSeconds).sorted(), [3600, 3600])
    }

    /// PM4Py's DFG sorts an interval log by start, then completion; the inductive miners' variants by completion.
    func testIntervalLogOrdersByStartThenCompletionForTheGraph() throws {
        for (text, ext) in [(EventOrderFixtures.intervalLog, "xes"), (EventOrderFixtures.intervalCSV, "csv")] {
            let log = try EventOrderFixtures.read(text, extension: ext)
            let dfg = DirectlyFollowsGraph(log)
            XCTAssertEqual(edges(dfg), ["place order>make delivery": 2, "make delivery>confirm payment": 2,
                                        "confirm payment>send invoice": 2], ext)
            XCTAssertEqual(dfg.startActivities, ["place order": 2], ext)
            XCTAssertEqual(dfg.endActivities, ["send invoice": 2], ext)
            let byCompletion = TimeOrderedActivities(log, by: .completion)
            let c41 = byCompletion.activityCodes[log.eventRange(ofCase: 0)].map { log.activityNames[Int($0)] }
            XCTAssertEqual(c41, ["place order", "confirm payment", "make delivery", "send invoice"], ext)

            // Performance: the next event's start minus the previous event's completion, negative on overlap.
            let performance = PerformanceDirectlyFollowsGraph(log)
            let names = performance.activityNames
            let delivery = try XCTUnwrap(performance.edges.first {
                names[$0.source] == "make delivery" && names[$0.target] == "confirm payment"
            })
            // C41: 15:09:11 − 15:25:47 = −996 s; C42: 10:50:00 − 10:40:00 = 600 s.
            XCTAssertEqual(delivery.minSeconds, -996, ext)
            XCTAssertEqual(delivery.maxSeconds, 600, ext)
        }
    }

    /// An event with a completion time but no start time sorts after the case's started events (pandas puts NaT
    /// last in the first sort key), ties keep file order.
    func testMissingStartTimestampsSortLastAndTiesKeepFileOrder() throws {
        let text = EventOrderFixtures.xes([("1", [
            EventOrderFixtures.event("x", "01:00:00"),
            EventOrderFixtures.event("b", "05:00:00", start: "04:00:00"),
            EventOrderFixtures.event("a", "05:00:00", start: "04:00:00"),
            EventOrderFixtures.event("c", "03:00:00", start: "02:00:00"),
        ])])
        let log = try EventOrderFixtures.read(text, extension: "xes")
        let ordered = TimeOrderedActivities(log)
        XCTAssertEqual(ordered.activityCodes.map { log.activityNames[Int($0)] }, ["c", "b", "a", "x"])
        let byCompletion = TimeOrderedActivities(log, by: .completion)
        XCTAssertEqual(byCompletion.activityCodes.map { log.activityNames[Int($0)] }, ["x", "c", "b", "a"])
    }

    /// Events without `concept:name` and empty traces: kept by the reader, left out of the analysed view so that
    /// statistics, the graph and the miners count the same cases and events (PM4Py's dataframe drops both).
    func testEventsWithoutActivityAndEmptyTracesAreLeftOutTogether() throws {
        let text = EventOrderFixtures.xes([
            ("1", [EventOrderFixtures.event("a", "01:00:00"), EventOrderFixtures.event(nil, "02:00:00"),
                   EventOrderFixtures.event("b", "03:00:00")]),
            ("2", []),
            ("3", [EventOrderFixtures.event(nil, "01:00:00")]),
            ("4", [EventOrderFixtures.event("a", "01:00:00"), EventOrderFixtures.event("b", "02:00:00")]),
        ])
        let log = try EventOrderFixtures.read(text, extension: "xes")
        XCTAssertEqual(log.caseCount, 4)
        XCTAssertEqual(log.eventCount, 6)
        XCTAssertEqual(log.eventsWithoutActivityCount, 2)
        XCTAssertEqual(log.emptyCaseCount, 1)

        let analysed = log.droppingEventsWithoutActivity()
        XCTAssertEqual(analysed.caseCount, 2)
        XCTAssertEqual(analysed.eventCount, 4)
        XCTAssertEqual(analysed.provenance.steps.last?.name, "dropEventsWithoutActivity")
        let statistics = LogStatistics(analysed)
        let dfg = DirectlyFollowsGraph(analysed)
        XCTAssertEqual(statistics.caseCount, dfg.caseCount)
        XCTAssertEqual(statistics.activities, ["a": 2, "b": 2])
        XCTAssertEqual(dfg.activities, statistics.activities)
        XCTAssertEqual(dfg.startActivities, statistics.startActivities)
        XCTAssertEqual(edges(dfg), ["a>b": 2])
        XCTAssertEqual(statistics.variants.map(\.activities), [["a", "b"]])
        let tree = InductiveMiner().discover(from: analysed)
        XCTAssertFalse(tree.acceptsEmptyTrace, "no empty trace is left for the miner to model")

        let clean = try EventOrderFixtures.read(EventOrderFixtures.outOfOrderTrace, extension: "xes")
        XCTAssertEqual(clean.droppingEventsWithoutActivity().provenance.steps.count, clean.provenance.steps.count)
    }
}
