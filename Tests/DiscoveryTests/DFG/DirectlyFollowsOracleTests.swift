import Discovery
import EventLog
import TracewiseTestSupport
import XCTest

/// DFG counts, start/end activities and performance-DFG means against `reference/*/summary.json`.
final class DirectlyFollowsOracleTests: XCTestCase {
    func testFrequencyAndPerformanceGraphsMatchPM4PyOnEveryReferenceLog() throws {
        for (file, reference) in SharedData.referenceLogs {
            let log = try EventLog(contentsOf: try SharedData.require("datasets/\(file)"))
            let summary = try SharedData.json("reference/\(reference)/summary.json")
            let dfg = DirectlyFollowsGraph(log)
            let names = dfg.activityNames

            var counts: [String: Int] = [:]
            for edge in dfg.edges { counts["\(names[edge.source])\u{1}\(names[edge.target])"] = edge.count }
            var expectedCounts: [String: Int] = [:]
            for row in try XCTUnwrap(summary["dfg"] as? [[Any]]) {
                expectedCounts["\(row[0] as! String)\u{1}\(row[1] as! String)"] = row[2] as? Int
            }
            XCTAssertEqual(counts, expectedCounts, "\(reference): edge counts")
            XCTAssertEqual(dfg.startActivities, summary["start_activities"] as? [String: Int], "\(reference): starts")
            XCTAssertEqual(dfg.endActivities, summary["end_activities"] as? [String: Int], "\(reference): ends")
            XCTAssertEqual(dfg.activities, summary["activities"] as? [String: Int], "\(reference): activities")

            let performance = PerformanceDirectlyFollowsGraph(log)
            var means: [String: Double] = [:]
            for edge in performance.edges { means["\(names[edge.source])\u{1}\(names[edge.target])"] = edge.meanSeconds }
            let expectedMeans = try XCTUnwrap(summary["performance_dfg_mean_seconds"] as? [[Any]])
            XCTAssertEqual(means.count, expectedMeans.count, "\(reference): timed edges")
            for row in expectedMeans {
                let key = "\(row[0] as! String)\u{1}\(row[1] as! String)"
                let expected = try XCTUnwrap((row[2] as? NSNumber)?.doubleValue)
                let actual = try XCTUnwrap(means[key], "\(reference): missing \(key)")
                XCTAssertEqual(actual, expected, accuracy: 1e-6, "\(reference): mean of \(key)")
            }
        }
    }
}
