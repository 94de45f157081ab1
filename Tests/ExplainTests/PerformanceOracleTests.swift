import EventLog
import Explain
import Foundation
import TracewiseTestSupport
import XCTest

/// Case durations and performance-DFG means against PM4Py 2.7 on every shared reference log.
/// Run in release (`swift test -c release --filter PerformanceOracleTests`): it reads BPIC 2012.
final class PerformanceOracleTests: XCTestCase {
    func testCaseDurationsAndPerformanceDFGMatchPM4Py() throws {
        var checked = 0
        for (file, reference) in SharedData.referenceLogs {
            let url = try SharedData.require("datasets/\(file)")
            let summary = try SharedData.json("reference/\(reference)/summary.json")
            let log = try EventLog(contentsOf: url)
            let analysis = PerformanceAnalysis(log, options: .eventLevel)
            let report = analysis.report()

            let durations = try XCTUnwrap(summary["case_duration_seconds"] as? [String: Double])
            XCTAssertEqual(report.cycleTime.minSeconds, durations["min"]!, accuracy: 1e-3, file)
            XCTAssertEqual(report.cycleTime.maxSeconds, durations["max"]!, accuracy: 1e-3, file)
            XCTAssertEqual(report.cycleTime.meanSeconds, durations["mean"]!, accuracy: 1e-6 * durations["mean"]! + 1e-3, file)
            XCTAssertEqual(report.cycleTime.medianSeconds, durations["median"]!, accuracy: 1e-3, file)

            let edges = try XCTUnwrap(summary["performance_dfg_mean_seconds"] as? [[Any]])
            var ours: [String: Double] = [:]
            for t in report.transitions { ours[t.from + "\u{1}" + t.to] = t.duration.meanSeconds }
            XCTAssertEqual(ours.count, edges.count, "\(file): edge count")
            for edge in edges {
                let key = "\(edge[0])\u{1}\(edge[1])"
                let expected = (edge[2] as! NSNumber).doubleValue
                guard let mean = ours[key] else {
                    XCTFail("\(file): missing edge \(edge[0]) -> \(edge[1])")
                    continue
                }
                XCTAssertEqual(mean, expected, accuracy: 1e-6 * expected + 1e-3, "\(file): \(edge[0]) -> \(edge[1])")
            }
            checked += 1
        }
        XCTAssertEqual(checked, SharedData.referenceLogs.count)
    }
}
