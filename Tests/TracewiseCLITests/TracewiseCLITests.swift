import Foundation
import TracewiseTestSupport
import XCTest

/// Runs the built `tracewise` binary to check the CLI contract: JSON shapes and exit codes
/// (0 success, 1 invalid input with the typed error on stderr, 2 usage error).
final class TracewiseCLITests: XCTestCase {
    private struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `tracewise` executable beside the test bundle (`swift test` builds every product).
    private func binary() throws -> URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .map { $0.appendingPathComponent("tracewise") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the tracewise binary was not built next to the tests")
        }
        return found
    }

    private func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    private var scratch: URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-cli-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testGenerateConvertStatsAndFingerprint() throws {
        let csv = scratch.appendingPathComponent("g.csv.gz").path
        let xes = scratch.appendingPathComponent("g.xes").path
        defer { try? FileManager.default.removeItem(at: scratch) }
        XCTAssertEqual(try run(["generate", "--events", "3000", "--seed", "4", csv]).status, 0)
        XCTAssertEqual(try run(["convert", csv, xes]).status, 0)
        let fromCSV = try run(["stats", csv, "--format", "json"])
        let fromXES = try run(["stats", xes, "--format", "json"])
        XCTAssertEqual(fromCSV.status, 0, fromCSV.stderr)
        XCTAssertEqual(fromCSV.stdout, fromXES.stdout)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(fromXES.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["cases", "events", "activities", "startActivities", "endActivities", "variants"])
        XCTAssertGreaterThanOrEqual(json["events"] as? Int ?? 0, 3000)
        let firstVariant = try XCTUnwrap((json["variants"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(firstVariant.keys), ["activities", "count"])
        let fingerprint = try run(["fingerprint", csv])
        XCTAssertEqual(fingerprint.status, 0)
        XCTAssertTrue(fingerprint.stdout.contains("\"fingerprint\" : \"sha256:"), fingerprint.stdout)
    }

    func testDiscoverPrintsTheTreeAndWritesEveryModelFormat() throws {
        let log = scratch.appendingPathComponent("d.csv").path
        let bpmn = scratch.appendingPathComponent("d.bpmn").path
        let ptml = scratch.appendingPathComponent("d.ptml").path
        let pnml = scratch.appendingPathComponent("d.pnml").path
        defer { try? FileManager.default.removeItem(at: scratch) }
        XCTAssertEqual(try run(["generate", "--events", "2000", "--seed", "7", log]).status, 0)
        let discovered = try run(["discover", log, "--miner", "imf", "--bpmn", bpmn, "--ptml", ptml, "--pnml", pnml])
        XCTAssertEqual(discovered.status, 0, discovered.stderr)
        XCTAssertTrue(discovered.stdout.hasPrefix("->("), discovered.stdout)
        let xml = try String(contentsOfFile: bpmn, encoding: .utf8)
        XCTAssertTrue(xml.contains("<definitions"), xml)
        XCTAssertTrue(xml.contains("<task id="), xml)
        XCTAssertTrue(xml.contains("name=\"Ship Goods\""), xml)
        XCTAssertTrue(try String(contentsOfFile: ptml, encoding: .utf8).contains("<processTree"))
        XCTAssertTrue(try String(contentsOfFile: pnml, encoding: .utf8).contains("<pnml"))
        XCTAssertEqual(try run(["discover", log, "--miner", "alpha", "--bpmn", bpmn]).status, 2)
    }

    func testExitCodes() throws {
        let missing = try run(["stats", "/nonexistent/log.xes"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("fileNotFound"), missing.stderr)
        let bad = scratch.appendingPathComponent("bad.csv")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data("case:concept:name,concept:name,time:timestamp\n1,a,not-a-date\n".utf8).write(to: bad)
        let invalid = try run(["stats", bad.path])
        XCTAssertEqual(invalid.status, 1)
        XCTAssertTrue(invalid.stderr.contains("invalidTimestamp"), invalid.stderr)
        XCTAssertEqual(try run(["stats"]).status, 2)
        XCTAssertEqual(try run(["generate", "--events", "0", "x.csv"]).status, 2)
        XCTAssertEqual(try run(["stats", bad.path, "--format", "yaml"]).status, 2)
    }
}
