import Foundation
import XCTest

/// `replay`, `align`, `precision` and `quality` on the fixture log and the net the inductive miner found in
/// it (so every trace fits).
final class ConformanceCLITests: XCTestCase {
    func testReplay() throws {
        let fixtures = try CLIFixtures.shared()
        let replay = try CLI.run(["replay", fixtures.log, fixtures.net, "--format", "json"])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        let json = try replay.object()
        XCTAssertEqual(Set(json.keys), ["logFitness", "averageTraceFitness", "percentFittingTraces"])
        XCTAssertEqual(json["logFitness"] as? Double, 1)
        XCTAssertEqual(try CLI.run(["replay", fixtures.log, fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["replay", fixtures.log]).status, 2)
    }

    func testAlign() throws {
        let fixtures = try CLIFixtures.shared()
        let align = try CLI.run(["align", fixtures.log, fixtures.net, "--format", "json"])
        XCTAssertEqual(align.status, 0, align.stderr)
        let json = try align.object()
        XCTAssertEqual(Set(json.keys), ["variants", "logFitness"])
        let variant = try XCTUnwrap((json["variants"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(variant.keys), ["activities", "count", "status", "cost", "fitness", "moves"])
        XCTAssertEqual(variant["fitness"] as? Double, 1)
        let move = try XCTUnwrap((variant["moves"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(move.keys), ["log", "model", "silent"])
        XCTAssertEqual(try CLI.run(["align", fixtures.missing, fixtures.net]).status, 1)
        XCTAssertEqual(try CLI.run(["align", fixtures.log, fixtures.net, "--state-limit", "0"]).status, 2)
    }

    func testPrecision() throws {
        let fixtures = try CLIFixtures.shared()
        let precision = try CLI.run(["precision", fixtures.log, fixtures.net, "--method", "align-etc", "--format", "json"])
        XCTAssertEqual(precision.status, 0, precision.stderr)
        let json = try precision.object()
        XCTAssertEqual(Set(json.keys), ["precision", "method"])
        XCTAssertEqual(json["method"] as? String, "align-etc")
        XCTAssertEqual(try CLI.run(["precision", fixtures.log, fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["precision", fixtures.log, fixtures.net, "--method", "exact"]).status, 2)
    }

    func testQuality() throws {
        let fixtures = try CLIFixtures.shared()
        let quality = try CLI.run(["quality", fixtures.log, fixtures.net, "--format", "json"])
        XCTAssertEqual(quality.status, 0, quality.stderr)
        let json = try quality.object()
        XCTAssertEqual(Set(json.keys), ["fitness", "tokenReplayFitness", "precision", "precisionMethod", "generalization", "simplicity"])
        XCTAssertEqual(json["precisionMethod"] as? String, "etc")
        XCTAssertEqual(try CLI.run(["quality", fixtures.missing, fixtures.net]).status, 1)
        XCTAssertEqual(try CLI.run(["quality", fixtures.log, fixtures.net, "--method", "exact"]).status, 2)
    }
}
