import EventLog
import Foundation
import XCTest

/// The log readers report the bytes they read and stop on task cancellation.
final class ReadProgressTests: XCTestCase {
    private final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [WorkProgress] = []
        var handler: ProgressHandler { { [self] progress in lock.withLock { values.append(progress) } } }
        var all: [WorkProgress] { lock.withLock { values } }
    }

    private func temporaryFile(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("read-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory.appendingPathComponent(name)
    }

    private func assertBytesUpTo(_ size: Int, _ reports: [WorkProgress], phase: String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(reports.first?.completed, 0, file: file, line: line)
        XCTAssertEqual(reports.last, WorkProgress(phase: phase, completed: size, total: size, unit: "bytes"), file: file, line: line)
        XCTAssertEqual(reports.map(\.completed), reports.map(\.completed).sorted(), file: file, line: line)
        XCTAssertGreaterThan(reports.count, 2, file: file, line: line)
    }

    func testXESAndCSVReadersReportTheFileBytes() throws {
        let log = SyntheticLog.generate(events: 20_000, seed: 7)
        for name in ["log.xes", "log.xes.gz", "log.csv"] {
            let url = try temporaryFile(name)
            try log.write(to: url)
            let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
            let reports = Reports()
            let read = name.hasSuffix(".csv")
                ? try CSVReader(progress: reports.handler).read(contentsOf: url).log
                : try XESReader(progress: reports.handler).read(contentsOf: url).log
            XCTAssertEqual(read.eventCount, log.eventCount, name)
            assertBytesUpTo(size, reports.all, phase: "read \(name)")
        }
    }

    func testReadingInACancelledTaskThrowsCancellationError() async throws {
        let url = try temporaryFile("log.xes")
        try SyntheticLog.generate(events: 5_000, seed: 7).write(to: url)
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return try XESReader().read(contentsOf: url)
        }
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("read in a cancelled task")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
    }
}
