import EventLog
import Explain
import Foundation
import Synchronization
import XCTest

/// Training reports trees, TreeSHAP reports rows, the driver analysis, explanation and report report both
/// phases; results equal those without a handler; a cancelled task stops each of them with CancellationError.
final class ExplainProgressTests: XCTestCase {
    private final class Reports: Sendable {
        private let seen = Mutex<[WorkProgress]>([])
        var handler: ProgressHandler { { [self] p in seen.withLock { $0.append(p) } } }
        var all: [WorkProgress] { seen.withLock { $0 } }
        func phase(_ name: String) -> [WorkProgress] { all.filter { $0.phase == name } }
        /// The phases as they followed one another (consecutive reports of one phase collapsed).
        var phases: [String] { all.map(\.phase).reduce(into: []) { if $0.last != $1 { $0.append($1) } } }
    }

    private static let log = SyntheticLog.generate(events: 3_000, seed: 21)

    func testTrainingReportsEveryTreeInOrderAndGivesTheSameModel() throws {
        let (features, targets) = try GradientBoostingTests.synthetic(rows: 400, seed: 3)
        let parameters = GradientBoostingParameters(treeCount: 25, maxDepth: 3, subsample: 0.8, seed: 5)
        let reports = Reports()
        let model = try GradientBoostingTrainer(parameters, progress: reports.handler).fit(features, targets: targets)
        XCTAssertEqual(model, try GradientBoostingTrainer(parameters).fit(features, targets: targets))
        XCTAssertEqual(reports.all.map(\.completed), Array(0...25) + [25], "one report per tree, then the end")
        XCTAssertEqual(reports.all.last, WorkProgress(phase: "train", completed: 25, total: 25, unit: "trees"))
    }

    func testTreeSHAPReportsRowsInOrderAndGivesTheSameValues() throws {
        let (features, targets) = try GradientBoostingTests.synthetic(rows: 3_000, seed: 4)
        let model = try GradientBoostingTrainer(GradientBoostingParameters(treeCount: 10, maxDepth: 4)).fit(features, targets: targets)
        let reports = Reports()
        var explainer = TreeSHAP(model)
        explainer.progress = reports.handler
        let shap = try explainer.explain(features)
        XCTAssertEqual(shap, try TreeSHAP(model).explain(features))
        let seen = reports.all
        XCTAssertEqual(seen.first, WorkProgress(phase: "explain", completed: 0, total: 3_000, unit: "rows"))
        XCTAssertEqual(seen.last, WorkProgress(phase: "explain", completed: 3_000, total: 3_000, unit: "rows"))
        XCTAssertEqual(seen.map(\.completed), seen.map(\.completed).sorted(), "reports arrive in order")
        XCTAssertGreaterThan(seen.count, 10)
    }

    func testExplanationReportsTrainingThenExplainingAndGivesTheSameResult() throws {
        let reports = Reports()
        let watched = try ProcessExplanation(log: Self.log, name: "synthetic", target: .duration, progress: reports.handler)
        let plain = try ProcessExplanation(log: Self.log, name: "synthetic", target: .duration)
        XCTAssertEqual(try Self.json(watched), try Self.json(plain))
        XCTAssertEqual(reports.phases, ["train", "explain"])
        let trees = DriverAnalysis.defaultParameters(for: .duration).treeCount
        XCTAssertEqual(reports.phase("train").last, WorkProgress(phase: "train", completed: trees, total: trees, unit: "trees"))
        XCTAssertEqual(reports.phase("explain").last?.completed, watched.model.rows)
        for phase in ["train", "explain"] {
            let completed = reports.phase(phase).map(\.completed)
            XCTAssertEqual(completed.first, 0, phase)
            XCTAssertEqual(completed, completed.sorted(), "\(phase): reports arrive in order")
        }
    }

    func testReportWithProgressGivesTheSamePage() throws {
        let reports = Reports()
        let watched = try HTMLReport(log: Self.log, name: "synthetic", slaSeconds: 86_400, progress: reports.handler)
        let plain = HTMLReport(log: Self.log, name: "synthetic", slaSeconds: 86_400)
        XCTAssertEqual(watched.html(), plain.html())
        XCTAssertNil(watched.explanationError)
        XCTAssertEqual(reports.phases, ["train", "explain"])
    }

    func testACancelledTaskThrowsCancellationError() async throws {
        let (features, targets) = try GradientBoostingTests.synthetic(rows: 2_000, seed: 6)
        let model = try GradientBoostingTrainer(GradientBoostingParameters(treeCount: 5, maxDepth: 3)).fit(features, targets: targets)
        let log = Self.log
        let operations: [(String, @Sendable () throws -> Void)] = [
            ("fit", { _ = try GradientBoostingTrainer(GradientBoostingParameters(treeCount: 500)).fit(features, targets: targets) }),
            ("TreeSHAP", { _ = try TreeSHAP(model).explain(features) }),
            ("DriverAnalysis", { _ = try DriverAnalysis(log: log, target: .duration) }),
            ("ProcessExplanation", { _ = try ProcessExplanation(log: log, name: "x", target: .duration) }),
            ("HTMLReport", { _ = try HTMLReport(log: log, name: "x", progress: nil) }),
        ]
        for (name, operation) in operations {
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try operation()
            }
            do {
                try await task.value
                XCTFail("\(name) in a cancelled task finished")
            } catch {
                XCTAssertTrue(error is CancellationError, "\(name): \(error)")
            }
        }
    }

    /// Cancelled from the handler after the first trees: training stops at the next tree, well before the last.
    func testCancellingMidwayStopsTraining() async throws {
        let (features, targets) = try GradientBoostingTests.synthetic(rows: 400, seed: 7)
        let last = Mutex(0)
        let task = Task {
            try GradientBoostingTrainer(GradientBoostingParameters(treeCount: 1_000), progress: { p in
                last.withLock { $0 = p.completed }
                if p.completed == 3 { withUnsafeCurrentTask { $0?.cancel() } }
            }).fit(features, targets: targets)
        }
        do {
            _ = try await task.value
            XCTFail("a cancelled training returned a model")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        XCTAssertEqual(last.withLock { $0 }, 3, "no tree is grown after the cancellation")
    }

    private static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(value)
    }
}
