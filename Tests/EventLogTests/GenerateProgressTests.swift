import EventLog
import Synchronization
import XCTest

/// The synthetic log generator reports the events it generated and stops when its task is cancelled.
final class GenerateProgressTests: XCTestCase {
    func testReportsEventsFromZeroToTheTargetAndGivesTheSameLog() throws {
        let reports = Mutex<[WorkProgress]>([])
        let log = try SyntheticLog.generate(events: 20_000, seed: 7, progress: { p in reports.withLock { $0.append(p) } })
        let seen = reports.withLock { $0 }
        XCTAssertEqual(seen.first?.completed, 0)
        XCTAssertEqual(seen.last, WorkProgress(phase: "generate", completed: 20_000, total: 20_000, unit: "events"))
        XCTAssertEqual(seen.map(\.completed), seen.map(\.completed).sorted(), "reports arrive in order")
        XCTAssertGreaterThan(seen.count, 100)
        let plain = SyntheticLog.generate(events: 20_000, seed: 7)
        XCTAssertEqual(log.eventCount, plain.eventCount)
        XCTAssertEqual(log.caseCount, plain.caseCount)
    }

    func testACancelledTaskThrowsCancellationError() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try SyntheticLog.generate(events: 5_000_000, progress: nil)
        }
        do {
            _ = try await task.value
            XCTFail("generating in a cancelled task returned a log")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
    }
}
