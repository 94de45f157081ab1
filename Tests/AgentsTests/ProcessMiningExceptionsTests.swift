import Agents
import EventLog
import Explain
import Packs
import XCTest

final class ProcessMiningExceptionsTests: XCTestCase {
    func testSLABreachCarriesTheLongestWaitAsEvidence() throws {
        var builder = EventLogBuilder()
        let hour: Int64 = 3_600_000_000
        for (id, waits) in [("slow", [1, 10]), ("fast", [1, 1])] {
            builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string(id))])
            var time: Int64 = 0
            builder.addEvent(activity: "a", timestamp: Timestamp(microseconds: time))
            for (activity, wait) in zip(["b", "c"], waits) {
                time += Int64(wait) * hour
                builder.addEvent(activity: activity, timestamp: Timestamp(microseconds: time))
            }
        }
        let raw = ProcessMiningExceptions(options: .init(slaSeconds: 5 * 3_600)).exceptions(from: builder.build())
        XCTAssertEqual(raw.count, 1)
        let breach = try XCTUnwrap(raw.first)
        XCTAssertEqual(breach["exceptionType"], "SLA_BREACH")
        XCTAssertEqual(breach[path: "payload.caseId"], "slow")
        XCTAssertEqual(breach[path: "payload.bottleneckActivity"], "c")
        XCTAssertEqual(breach[path: "payload.waitingHours"], 10)
        XCTAssertEqual(breach[path: "payload.elapsedHours"], 11)
        XCTAssertEqual(breach[path: "payload.breachHours"], 6)
        XCTAssertEqual(breach[path: "payload.evidence.0"], "cycle time 11 h exceeds the SLA of 5 h by 6 h")
    }

    func testDefaultSLAIsTheNinetiethPercentileOnTheSyntheticLog() {
        let log = SyntheticLog.generate(events: 6_000, seed: 7)
        let raw = ProcessMiningExceptions(options: .init(maximumPerType: 10_000)).exceptions(from: log)
        let breaches = raw.filter { $0["exceptionType"] == "SLA_BREACH" }.count
        XCTAssertEqual(Double(breaches) / Double(log.caseCount), 0.1, accuracy: 0.02)
    }

    func testReworkDeviationAndSegregationFindings() throws {
        var builder = EventLogBuilder()
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c1"))])
        for (i, activity) in ["create", "check", "check", "check", "approve"].enumerated() {
            builder.addEvent(activity: activity, timestamp: Timestamp(microseconds: Int64(i) * 3_600_000_000), resource: i == 0 || i == 4 ? "ann" : "bob")
        }
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c2"))])
        builder.addEvent(activity: "create", timestamp: Timestamp(microseconds: 0), resource: "cid")
        builder.addEvent(activity: "pay", timestamp: Timestamp(microseconds: 7_200_000_000), resource: "dan")
        let log = builder.build()
        let deviations = CaseDeviations(countsByCase: ["c2": ["model move: approve": 1, "log move: pay": 1]])
        let options = ProcessMiningExceptions.Options(slaSeconds: 1e12, reworkThreshold: 3,
                                                      segregatedPairs: [.init(first: "create", second: "approve")])
        let raw = ProcessMiningExceptions(options: options).exceptions(from: log, deviations: deviations)
        let types = raw.compactMap { $0["exceptionType"]?.stringValue }
        XCTAssertEqual(types, ["REWORK_LOOP", "UNEXPECTED_ACTIVITY", "SKIPPED_APPROVAL", "SEGREGATION_OF_DUTIES"])
        XCTAssertEqual(raw[0][path: "payload.activity"], "check")
        XCTAssertEqual(raw[0][path: "payload.repetitions"], 3)
        XCTAssertEqual(raw[1][path: "payload.activity"], "pay")
        XCTAssertEqual(raw[2][path: "payload.skippedActivity"], "approve")
        XCTAssertEqual(raw[3][path: "payload.resource"], "ann")
        XCTAssertEqual(raw[3][path: "payload.caseId"], "c1")
        XCTAssertEqual(raw[3][path: "payload.activities"], ["create", "approve"])
        XCTAssertEqual(raw[0][path: "payload.variant"], "create → check → check → check → approve")
        XCTAssertEqual(raw[0][path: "payload.extraHours"], 2)
    }
}
