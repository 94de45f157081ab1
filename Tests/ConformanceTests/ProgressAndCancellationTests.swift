import Conformance
import Discovery
import EventLog
import Foundation
import XCTest

/// The long conformance loops report progress through their `progress` handler and stop on task cancellation.
final class ProgressAndCancellationTests: XCTestCase {
    /// Collects reports from any thread.
    private final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [WorkProgress] = []
        private var onReport: (@Sendable (WorkProgress) -> Void)?

        init(onReport: (@Sendable (WorkProgress) -> Void)? = nil) {
            self.onReport = onReport
        }

        var handler: ProgressHandler {
            { [self] progress in
                lock.withLock { values.append(progress) }
                onReport?(progress)
            }
        }

        var all: [WorkProgress] { lock.withLock { values } }
    }

    /// Holds a task so a progress handler can cancel it. The test stores the task before the task starts
    /// aligning, so a report can never arrive while the box is empty.
    private final class TaskBox: @unchecked Sendable {
        private let lock = NSLock()
        private var task: Task<AlignmentResult, any Error>?

        func set(_ task: Task<AlignmentResult, any Error>) {
            lock.withLock { self.task = task }
        }

        func cancel() {
            lock.withLock { task }?.cancel()
        }
    }

    /// a → (b | c) → (d | e) repeated: a net where every trace below is a distinct variant.
    private func net() -> PetriNet {
        var net = PetriNet()
        let places = (0..<4).map { net.addPlace(id: "p\($0)") }
        let steps = [["a"], ["b", "c"], ["d", "e"]]
        for (i, labels) in steps.enumerated() {
            for label in labels {
                let t = net.addTransition(id: "t\(label)", label: label)
                net.addArc(from: .place(places[i]), to: .transition(t))
                net.addArc(from: .transition(t), to: .place(places[i + 1]))
            }
        }
        net.initialMarking = [places[0]: 1]
        net.finalMarking = [places[3]: 1]
        return net
    }

    /// `count` distinct variants: a fitting core followed by a different number of extra `x` events.
    private func log(variants count: Int) -> EventLog {
        var builder = EventLogBuilder()
        for v in 0..<count {
            builder.startTrace()
            for activity in ["a", v % 2 == 0 ? "b" : "c", "d"] + Array(repeating: "x", count: v / 2) {
                builder.addEvent(activity: activity)
            }
        }
        return builder.build()
    }

    private func assertCompleteRun(_ reports: [WorkProgress], phase: String, total: Int, unit: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(reports.first?.completed, 0, "starts at 0", file: file, line: line)
        XCTAssertEqual(reports.last, WorkProgress(phase: phase, completed: total, total: total, unit: unit), file: file, line: line)
        XCTAssertTrue(reports.allSatisfy { $0.phase == phase && $0.total == total && $0.unit == unit }, file: file, line: line)
        XCTAssertEqual(reports.map(\.completed), reports.map(\.completed).sorted(), "never goes back", file: file, line: line)
        XCTAssertGreaterThan(reports.count, 2, "reports along the way, not only at the ends", file: file, line: line)
    }

    func testAlignmentsReportEveryVariant() async throws {
        let reports = Reports()
        var aligner = Alignments()
        aligner.progress = reports.handler
        let result = try await aligner.align(log(variants: 40), on: net())
        XCTAssertEqual(result.variants.count, 40)
        assertCompleteRun(reports.all, phase: "align", total: 40, unit: "variants")
    }

    func testTokenReplayAndPrecisionReportProgress() throws {
        let log = log(variants: 300)
        let replayReports = Reports()
        var replay = TokenReplay()
        replay.progress = replayReports.handler
        XCTAssertEqual(try replay.replay(log, on: net()).variants.count, 300)
        assertCompleteRun(replayReports.all, phase: "replay", total: 300, unit: "variants")

        let precisionReports = Reports()
        let plain = try ETCPrecision().precision(of: log, on: net())
        XCTAssertEqual(try ETCPrecision(progress: precisionReports.handler).precision(of: log, on: net()), plain)
        let prefixes = precisionReports.all.last?.total ?? 0
        XCTAssertGreaterThan(prefixes, 300, "one unit per prefix-tree node")
        assertCompleteRun(precisionReports.all, phase: "precision", total: prefixes, unit: "prefixes")
    }

    /// Work started by a cancelled task does not run to completion: each loop throws `CancellationError`.
    func testCancelledTasksStopEveryLoop() async throws {
        let log = log(variants: 200), net = net()
        func inCancelledTask<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async -> (any Error)? {
            let task = Task {
                while !Task.isCancelled { await Task.yield() }
                return try await work()
            }
            task.cancel()
            do {
                _ = try await task.value
                return nil
            } catch {
                return error
            }
        }
        let alignError = await inCancelledTask { try await Alignments().align(log, on: net) }
        XCTAssertTrue(alignError is CancellationError, "align: \(String(describing: alignError))")
        let replayError = await inCancelledTask { try TokenReplay().replay(log, on: net) }
        XCTAssertTrue(replayError is CancellationError, "replay: \(String(describing: replayError))")
        let etcError = await inCancelledTask { try ETCPrecision().precision(of: log, on: net) }
        XCTAssertTrue(etcError is CancellationError, "precision: \(String(describing: etcError))")
        let alignETCError = await inCancelledTask { try AlignETCPrecision().precision(of: log, on: net) }
        XCTAssertTrue(alignETCError is CancellationError, "align-etc: \(String(describing: alignETCError))")
    }

    /// Cancelling mid-way stops alignments: no variant starts after the cancellation.
    func testCancellingMidwayStopsAligning() async throws {
        let box = TaskBox()
        let reports = Reports { progress in if progress.completed >= 3 { box.cancel() } }
        var aligner = Alignments(maximumConcurrency: 1)
        aligner.progress = reports.handler
        let log = log(variants: 200), net = net()
        let (started, start) = AsyncStream<Never>.makeStream()
        let task = Task {
            for await _ in started {}
            return try await aligner.align(log, on: net)
        }
        box.set(task)
        start.finish()
        do {
            _ = try await task.value
            XCTFail("a cancelled alignment returned a result")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        let done = reports.all.map(\.completed).max() ?? 0
        XCTAssertGreaterThanOrEqual(done, 3)
        XCTAssertLessThan(done, 200, "stopped before the end")
    }
}
