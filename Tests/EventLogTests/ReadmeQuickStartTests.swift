import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

/// Keeps the README's quick start true: the same calls, on a shared log.
final class ReadmeQuickStartTests: XCTestCase {
    func testQuickStartCalls() throws {
        let log = try EventLog(contentsOf: try SharedData.require("datasets/running-example.xes"))
        let stats = LogStatistics(log)
        XCTAssertEqual(stats.caseCount, 6)
        XCTAssertEqual(stats.eventCount, 42)
        let lines = stats.variants.prefix(3).map { "\($0.count) " + $0.activities.joined(separator: " → ") }
        XCTAssertEqual(lines.first, "1 register request → check ticket → examine casually → decide → pay compensation")
    }
}
