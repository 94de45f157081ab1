import Explain
import XCTest

final class BottleneckRankingTests: XCTestCase {
    func testRanksByTotalWaitingWorstFirst() {
        let h = 3600.0
        let ranking = BottleneckRanking(PerformanceAnalysis(ExplainFixtures.simple()))
        // Waiting before: check 1 h + 2 h + 2 h = 5 h; decide 3 h + 1 h = 4 h; close 1 h.
        XCTAssertEqual(ranking.activities.map(\.activity), ["check", "decide", "close"])
        XCTAssertEqual(ranking.activities.map(\.totalWaitingSeconds), [5 * h, 4 * h, 1 * h])
        XCTAssertEqual(ranking.totalWaitingSeconds, 10 * h)
        let check = ranking.activities[0]
        XCTAssertEqual(check.frequency, 3)
        XCTAssertEqual(check.cases, 2)
        XCTAssertEqual(check.shareOfWaiting, 0.5)
        XCTAssertEqual(check.waiting.p90Seconds, 2 * h)
        XCTAssertEqual(check.waiting.meanSeconds, 5 * h / 3, accuracy: 1e-9)
        // Edges: decide→check 2 h (1), check→decide 3 h + 1 h = 4 h (2), register→check 3 h (2).
        XCTAssertEqual(ranking.edges.first?.label, "check → decide")
        XCTAssertEqual(ranking.edges.first?.totalWaitingSeconds, 4 * h)
        XCTAssertEqual(ranking.edges.map(\.totalWaitingSeconds), ranking.edges.map(\.totalWaitingSeconds).sorted(by: >))
        XCTAssertEqual(ranking.edges.reduce(0) { $0 + $1.totalWaitingSeconds }, 10 * h)
    }
}
