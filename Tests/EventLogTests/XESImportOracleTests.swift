import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

/// Imports every shared XES log and checks cases, events, activity counts, start/end activities and the
/// full variant list (file order within cases) against PM4Py's `summary.json`.
final class XESImportOracleTests: XCTestCase {
    func testSharedLogsMatchPM4PySummaries() throws {
        for (file, reference) in SharedData.referenceLogs {
            let log = try EventLog(contentsOf: try SharedData.require("datasets/\(file)"))
            let summary = try SharedData.json("reference/\(reference)/summary.json")
            XCTAssertEqual(log.caseCount, summary["cases"] as? Int, file)
            XCTAssertEqual(log.eventCount, summary["events"] as? Int, file)
            XCTAssertEqual(counts(log, log.activityCodes), summary["activities"] as? [String: Int], file)
            let starts = Array(log.traces.filter { !$0.isEmpty }.map { $0.activitySequence.first! })
            let ends = Array(log.traces.filter { !$0.isEmpty }.map { $0.activitySequence.last! })
            XCTAssertEqual(counts(log, starts), summary["start_activities"] as? [String: Int], file)
            XCTAssertEqual(counts(log, ends), summary["end_activities"] as? [String: Int], file)
            let expected = try XCTUnwrap(summary["variants"] as? [[Any]], file).map { v in
                VariantCount(activities: v[0] as? [String] ?? [], count: v[1] as? Int ?? -1)
            }
            XCTAssertEqual(variants(log), expected, file)
        }
    }

    private struct VariantCount: Hashable {
        var activities: [String]
        var count: Int
    }

    private func counts(_ log: EventLog, _ codes: [Int32]) -> [String: Int] {
        var result: [String: Int] = [:]
        for code in codes { result[log.activityNames[Int(code)], default: 0] += 1 }
        return result
    }

    private func variants(_ log: EventLog) -> [VariantCount] {
        var counts: [[Int32]: Int] = [:]
        for trace in log.traces { counts[Array(trace.activitySequence), default: 0] += 1 }
        return counts.map { VariantCount(activities: $0.key.map { log.activityNames[Int($0)] }, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.activities.lexicographicallyPrecedes($1.activities) }
    }
}
