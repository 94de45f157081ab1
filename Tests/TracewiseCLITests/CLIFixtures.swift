import Foundation
import TracewiseTestSupport
import XCTest

/// Small inputs every CLI test shares, made once per test process by the binary itself: a 300-event
/// synthetic log, the Petri net the inductive miner finds in it, a scenario and a one-tree XGBoost model.
struct CLIFixtures: Sendable {
    /// A scratch directory removed when the test process exits.
    let directory: URL
    /// The synthetic order-to-cash log (CSV).
    let log: String
    /// The inductive miner's net for ``log`` (PNML).
    let net: String
    /// A what-if scenario that halves the waiting before "Ship Goods".
    let scenario: String
    /// An XGBoost JSON model with one tree over one feature `f0`, and a feature CSV for it.
    let model: String
    let features: String
    /// A file that does not exist (with an extension every reader accepts, so the error is the missing file).
    let missing = "/nonexistent/tracewise-cli-fixture.csv"

    /// A sample pack directory under `Examples/Packs` (`finance`, `healthcare`, `process-mining`).
    static func pack(_ name: String) -> URL {
        SharedData.packageRoot.appendingPathComponent("Examples/Packs").appendingPathComponent(name)
    }

    /// A new path in the scratch directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The fixtures, made on first use.
    static func shared() throws -> CLIFixtures { try made.get() }

    private static let made = Result { try CLIFixtures() }

    private static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-cli-\(getpid())")

    private init() throws {
        directory = Self.scratch
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: CLIFixtures.scratch) }
        log = directory.appendingPathComponent("log.csv").path
        net = directory.appendingPathComponent("net.pnml").path
        let generated = try CLI.run(["generate", "--events", "300", "--seed", "3", log])
        guard generated.status == 0 else { throw XCTSkip("fixture log not generated: \(generated.stderr)") }
        let discovered = try CLI.run(["discover", log, "--miner", "im", "--pnml", net])
        guard discovered.status == 0 else { throw XCTSkip("fixture net not discovered: \(discovered.stderr)") }
        scenario = directory.appendingPathComponent("scenario.json").path
        try Data(#"{"name":"faster shipping","changes":[{"type":"cutWaiting","activity":"Ship Goods","percent":50}]}"#.utf8)
            .write(to: URL(fileURLWithPath: scenario))
        model = directory.appendingPathComponent("model.json").path
        try Data(Self.oneTreeModel.utf8).write(to: URL(fileURLWithPath: model))
        features = directory.appendingPathComponent("features.csv").path
        try Data("id,f0\nr1,0.5\nr2,3\n".utf8).write(to: URL(fileURLWithPath: features))
    }

    /// One tree: `f0 < 1` → -1 else 2.
    private static let oneTreeModel = """
        {"learner": {"feature_names": ["f0"], "learner_model_param": {"base_score": "0.5", "num_class": "0",
         "num_feature": "1", "num_target": "1"}, "objective": {"name": "reg:squarederror"},
         "gradient_booster": {"name": "gbtree", "model": {"trees": [{"split_indices": [0, 0, 0],
         "split_conditions": [1.0, -1.0, 2.0], "left_children": [1, -1, -1], "right_children": [2, -1, -1],
         "default_left": [0, 0, 0], "sum_hessian": [10, 4, 6], "split_type": [0, 0, 0],
         "base_weights": [0, -1, 2]}]}}}}
        """
}
