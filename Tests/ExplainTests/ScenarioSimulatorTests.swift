import EventLog
import Explain
import Foundation
import XCTest

final class ScenarioSimulatorTests: XCTestCase {
    private let h = 3600.0

    func testCutWaitingRetimesTheLogAndRecomputesKPIs() throws {
        let simulator = ScenarioSimulator(log: ExplainFixtures.simple())
        let outcome = try simulator.run(ProcessScenario(
            name: "faster check", changes: [.cutWaiting(activity: "check", percent: 50)], slaSeconds: 4 * 3600))
        // c1: check waits 1 h and 2 h → 0.5 h and 1 h: 7 h → 5.5 h. c2: 2 h → 1 h: 3 h → 2 h.
        XCTAssertEqual(PerformanceAnalysis(outcome.log).cycleSeconds, [5.5 * h, 2 * h])
        XCTAssertEqual(outcome.result.before.meanCycleSeconds, 5 * h)
        XCTAssertEqual(outcome.result.after.meanCycleSeconds, 3.75 * h)
        XCTAssertEqual(outcome.result.meanCycleChangeSeconds, -1.25 * h)
        XCTAssertEqual(outcome.result.before.slaBreachRate, 0.5)
        XCTAssertEqual(outcome.result.after.slaBreachRate, 0.5)
        XCTAssertEqual(outcome.result.changedInstances, 3)
        XCTAssertEqual(outcome.result.after.totalWaitingSeconds, 7.5 * h)
        XCTAssertEqual(outcome.log.provenance.steps.last?.name, "whatif")
    }

    func testRemoveReworkDropsTheLoop() throws {
        let outcome = try ScenarioSimulator(log: ExplainFixtures.simple()).run(ProcessScenario(
            name: "no rework", changes: [.removeRework(activity: "check")]))
        // c1 loses decide and the second check; close keeps its 1 h gap: register 9, check 10, close 11.
        XCTAssertEqual(outcome.result.removedInstances, 2)
        XCTAssertEqual(outcome.log.eventCount, 6)
        XCTAssertEqual(outcome.log[0].map { outcome.log.activityNames[Int($0.activity)] }, ["register", "check", "close"])
        XCTAssertEqual(PerformanceAnalysis(outcome.log).cycleSeconds, [2 * h, 3 * h])
    }

    func testReassignTakesTheTargetResourcesTiming() throws {
        let outcome = try ScenarioSimulator(log: ExplainFixtures.simple()).run(ProcessScenario(
            name: "ann decides", changes: [.reassign(from: "cat", to: "ann", activity: "decide")]))
        // ann's median wait before decide is 3 h: c2's decide moves from 36:00 to 38:00.
        XCTAssertEqual(PerformanceAnalysis(outcome.log).cycleSeconds, [7 * h, 5 * h])
        let last = outcome.log.eventRange(ofCase: 1).last!
        XCTAssertEqual(outcome.log.resourceNames[Int(outcome.log.resourceCodes[last])], "ann")
        XCTAssertEqual(outcome.result.changedInstances, 1)
    }

    func testLifecycleLogsKeepServiceTimes() throws {
        let outcome = try ScenarioSimulator(log: ExplainFixtures.lifecycle()).run(ProcessScenario(
            name: "cut b", changes: [.cutWaiting(activity: "b", percent: 100)]))
        let after = PerformanceAnalysis(outcome.log)
        XCTAssertEqual(after.serviceSeconds, [1 * h, 0.5 * h, 0])
        XCTAssertEqual(after.waitingSeconds, [0, 0, 0.5 * h])
        XCTAssertEqual(after.cycleSeconds, [2 * h])
    }

    func testUnknownNamesAreTypedErrors() {
        let simulator = ScenarioSimulator(log: ExplainFixtures.simple())
        XCTAssertThrowsError(try simulator.run(ProcessScenario(name: "x", changes: [.removeRework(activity: "nope")]))) {
            XCTAssertEqual(($0 as? ExplainError)?.code, .unknownActivity)
        }
        XCTAssertThrowsError(try simulator.run(ProcessScenario(name: "x", changes: [.reassign(from: "zoe", to: "ann", activity: nil)]))) {
            XCTAssertEqual(($0 as? ExplainError)?.code, .invalidParameter)
        }
    }

    func testScenarioFileFormat() throws {
        let json = """
            {"name": "plan", "slaSeconds": 86400,
             "changes": [{"type": "cutWaiting", "activity": "check", "percent": 25},
                         {"type": "removeRework", "activity": "check"},
                         {"type": "reassign", "from": "cat", "to": "ann"}]}
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).json")
        try Data(json.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let scenario = try ProcessScenario(contentsOf: url)
        XCTAssertEqual(scenario.changes, [.cutWaiting(activity: "check", percent: 25), .removeRework(activity: "check"),
                                          .reassign(from: "cat", to: "ann", activity: nil)])
        XCTAssertEqual(scenario.slaSeconds, 86400)
        let roundTrip = try JSONDecoder().decode(ProcessScenario.self, from: JSONEncoder().encode(scenario))
        XCTAssertEqual(roundTrip, scenario)

        try Data(#"{"name": "bad", "changes": [{"type": "teleport", "activity": "x"}]}"#.utf8).write(to: url)
        XCTAssertThrowsError(try ProcessScenario(contentsOf: url)) { error in
            let error = error as? ExplainError
            XCTAssertEqual(error?.code, .invalidParameter)
            XCTAssertTrue(error?.message.contains("changes[0].type") ?? false, error?.message ?? "")
        }
    }
}
