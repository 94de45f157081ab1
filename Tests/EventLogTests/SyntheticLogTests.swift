import EventLog
import XCTest

final class SyntheticLogTests: XCTestCase {
    func testDeterministicForSeedAndReachesTarget() {
        let a = SyntheticLog.generate(events: 2_000, seed: 11)
        let b = SyntheticLog.generate(events: 2_000, seed: 11)
        let c = SyntheticLog.generate(events: 2_000, seed: 12)
        XCTAssertGreaterThanOrEqual(a.eventCount, 2_000)
        XCTAssertLessThan(a.eventCount, 2_040)
        XCTAssertEqual(a.timestamps, b.timestamps)
        XCTAssertEqual(a.activityCodes, b.activityCodes)
        XCTAssertEqual(a.traceAttributes, b.traceAttributes)
        XCTAssertNotEqual(a.timestamps, c.timestamps)
    }

    func testProcessShapeReworkAndConcurrency() {
        let log = SyntheticLog.generate(events: 20_000, seed: 3)
        let stats = LogStatistics(log)
        XCTAssertEqual(stats.startActivities.keys.sorted(), ["Create Order"])
        XCTAssertEqual(Set(stats.endActivities.keys), ["Close Order", "Cancel Order"])
        XCTAssertGreaterThan(stats.activities["Request Customer Data"] ?? 0, 0)
        XCTAssertGreaterThan(stats.activities["Send Reminder"] ?? 0, 0)
        XCTAssertGreaterThan(stats.variants.count, 20)
        let names = log.activityNames
        var invoiceBeforePick = 0, pickBeforeInvoice = 0
        for trace in log.traces {
            let sequence = trace.map { names[Int($0.activity)] }
            guard let pick = sequence.firstIndex(of: "Pick Goods"), let invoice = sequence.firstIndex(of: "Prepare Invoice") else { continue }
            if pick < invoice { pickBeforeInvoice += 1 } else { invoiceBeforePick += 1 }
            XCTAssertEqual(zip(trace.dropFirst(), trace).allSatisfy { $0.timestamp >= $1.timestamp }, true)
        }
        XCTAssertGreaterThan(invoiceBeforePick, 50, "concurrent branches interleave both ways")
        XCTAssertGreaterThan(pickBeforeInvoice, 50, "concurrent branches interleave both ways")
    }

    func testInjectedBottleneckIsMeasurable() {
        let log = SyntheticLog.generate(events: 30_000, seed: 5)
        let truth = SyntheticLog.Scenario.bottleneck
        let region = log.traceAttributes.column(truth.attribute)!
        let names = log.activityNames
        var affected: [Double] = [], others: [Double] = []
        for trace in log.traces {
            let events = Array(trace)
            guard let ship = events.firstIndex(where: { names[Int($0.activity)] == truth.activity }),
                  let pack = events.lastIndex(where: { names[Int($0.activity)] == "Pack Goods" }) else { continue }
            let wait = Double(events[ship].timestamp - events[pack].timestamp) / 3_600_000_000
            if region[trace.caseIndex] == .string(truth.value) { affected.append(wait) } else { others.append(wait) }
        }
        let meanAffected = affected.reduce(0, +) / Double(affected.count)
        let meanOthers = others.reduce(0, +) / Double(others.count)
        XCTAssertGreaterThan(meanAffected, meanOthers * 5, "affected \(meanAffected) h vs \(meanOthers) h")
        XCTAssertEqual(truth.description, "cases with region = South wait on average 72 h longer before Ship Goods")
    }
}
