import Foundation
import XCTest

/// `explain`, `whatif` and `shap`: JSON shapes and exit codes.
final class ExplainCLITests: XCTestCase {
    func testExplain() throws {
        let fixtures = try CLIFixtures.shared()
        let explain = try CLI.run(["explain", fixtures.log, "--target", "waiting:Ship Goods", "--top-cases", "2", "--format", "json"])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        let json = try explain.object()
        for key in ["log", "target", "unit", "expectedValue", "model", "globalDrivers", "topCases", "bottlenecks"] {
            XCTAssertNotNil(json[key], "explain JSON lacks \(key)")
        }
        XCTAssertEqual(json["log"] as? String, "log.csv")
        XCTAssertEqual((json["topCases"] as? [Any])?.count, 2)
        let text = try CLI.run(["explain", fixtures.log, "--top-cases", "1", "--format", "text"])
        XCTAssertTrue(text.stdout.hasPrefix("target: "), text.stdout)
        XCTAssertEqual(try CLI.run(["explain", fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["explain", fixtures.log, "--target", "cost"]).status, 2)
    }

    func testWhatIf() throws {
        let fixtures = try CLIFixtures.shared()
        let whatif = try CLI.run(["whatif", fixtures.log, "--scenario", fixtures.scenario, "--format", "json"])
        XCTAssertEqual(whatif.status, 0, whatif.stderr)
        let json = try whatif.object()
        for key in ["scenario", "before", "after", "changedInstances", "removedInstances"] {
            XCTAssertNotNil(json[key], "whatif JSON lacks \(key)")
        }
        XCTAssertEqual(json["scenario"] as? String, "faster shipping")
        let before = try XCTUnwrap(json["before"] as? [String: Any]), after = try XCTUnwrap(json["after"] as? [String: Any])
        XCTAssertLessThan(after["totalWaitingSeconds"] as? Double ?? .infinity, before["totalWaitingSeconds"] as? Double ?? 0)
        XCTAssertEqual(try CLI.run(["whatif", fixtures.log, "--scenario", fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["whatif", fixtures.log]).status, 2)
    }

    func testShap() throws {
        let fixtures = try CLIFixtures.shared()
        let out = fixtures.path("shap.csv")
        let shap = try CLI.run(["shap", "--model", fixtures.model, "--data", fixtures.features, "--out", out, "--format", "json"])
        XCTAssertEqual(shap.status, 0, shap.stderr)
        let json = try shap.object()
        XCTAssertEqual(Set(json.keys), ["expected_value", "rows", "features", "out", "feature_perturbation"])
        XCTAssertEqual(json["rows"] as? Int, 2)
        XCTAssertEqual(json["feature_perturbation"] as? String, "tree_path_dependent")
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("id,f0\n"))
        let text = try CLI.run(["shap", "--model", fixtures.model, "--data", fixtures.features, "--out", out, "--format", "text"])
        XCTAssertTrue(text.stdout.hasPrefix("expected_value: "), text.stdout)
        XCTAssertEqual(try CLI.run(["shap", "--model", fixtures.missing, "--data", fixtures.features, "--out", out]).status, 1)
        XCTAssertEqual(try CLI.run(["shap", "--model", fixtures.model, "--data", fixtures.features]).status, 2)
    }
}
