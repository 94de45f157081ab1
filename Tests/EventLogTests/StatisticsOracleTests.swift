import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

/// For every shared XES log with a reference folder, ``LogStatistics`` equals PM4Py's `summary.json`
/// exactly: cases, events, activities, start/end activities, the full ordered variant list with counts,
/// and the case-duration minimum, maximum, median and mean. Run in release (`swift test -c release`).
final class StatisticsOracleTests: XCTestCase {
    func testStatisticsMatchPM4PyForEverySharedLog() throws {
        for (file, reference) in SharedData.referenceLogs {
            let log = try EventLog(contentsOf: try SharedData.require("datasets/\(file)"))
            try ReferenceSummary.assertMatches(LogStatistics(log), reference: reference)
        }
    }

    func testReceiptCSVEqualsReceiptXES() throws {
        let xes = try EventLog(contentsOf: try SharedData.require("datasets/08_receipt.xes.gz"))
        let csv = try EventLog(contentsOf: try SharedData.require("datasets/receipt.csv.gz"))
        XCTAssertEqual(csv.caseCount, xes.caseCount)
        XCTAssertEqual(csv.eventCount, xes.eventCount)
        XCTAssertEqual((0..<csv.caseCount).map { csv.caseID($0) }, (0..<xes.caseCount).map { xes.caseID($0) })
        XCTAssertEqual(csv.caseOffsets, xes.caseOffsets)
        let names = { (log: EventLog) in log.activityCodes.map { log.activityNames[Int($0)] } }
        XCTAssertEqual(names(csv), names(xes))
        XCTAssertEqual(csv.timestamps, xes.timestamps)
        XCTAssertEqual(LogStatistics(csv).variants, LogStatistics(xes).variants)
    }
}
