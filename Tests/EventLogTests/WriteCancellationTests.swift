import EventLog
import Foundation
import XCTest

/// Writing a log in a cancelled task stops with CancellationError and leaves nothing in the directory: no file
/// under the target name, no temporary file beside it.
final class WriteCancellationTests: XCTestCase {
    func testACancelledWriteLeavesNoFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("write-cancel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = SyntheticLog.generate(events: 2_000, seed: 1)
        for name in ["log.xes", "log.xes.gz", "log.csv", "log.csv.gz"] {
            let url = directory.appendingPathComponent(name)
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try log.write(to: url)
            }
            do {
                try await task.value
                XCTFail("\(name): writing in a cancelled task finished")
            } catch {
                XCTAssertTrue(error is CancellationError, "\(name): \(error)")
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [], name)
            try log.write(to: url)
            XCTAssertEqual(try EventLog(contentsOf: url).eventCount, log.eventCount, "\(name): an uncancelled write still works")
            try FileManager.default.removeItem(at: url)
        }
    }
}
