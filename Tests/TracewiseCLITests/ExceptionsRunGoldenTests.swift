import Foundation
import TracewiseTestSupport
import XCTest

/// Pins the JSON contract of `tracewise exceptions run`: on each sample pack, with a fixed run id and clock
/// and one worker, the printed run result and the audit file must equal, byte for byte, the outputs
/// recorded in `Tests/Golden/exceptions-run/<pack>/` before the pipeline became a typed state machine
/// (issue 12). A deliberate change regenerates them (see the README there) and says so in CHANGELOG.md.
final class ExceptionsRunGoldenTests: XCTestCase {
    static let packs = ["finance", "healthcare", "process-mining"]
    static let fixedArguments = ["--run-id", "golden", "--now", "2026-01-01T00:00:00Z", "--concurrency", "1", "--format", "json"]

    private func binary() throws -> URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .map { $0.appendingPathComponent("tracewise") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the tracewise binary was not built next to the tests")
        }
        return found
    }

    func testExceptionsRunMatchesTheGoldenOutputsOnEverySamplePack() throws {
        let root = SharedData.packageRoot
        for pack in Self.packs {
            let packDirectory = root.appendingPathComponent("Examples/Packs/\(pack)")
            let golden = root.appendingPathComponent("Tests/Golden/exceptions-run/\(pack)")
            let auditDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-golden-\(getpid())-\(pack)")
            defer { try? FileManager.default.removeItem(at: auditDirectory) }

            let process = Process()
            process.executableURL = try binary()
            process.arguments = ["exceptions", "run",
                                 "--domain-pack", packDirectory.appendingPathComponent("domain-pack.json").path,
                                 "--tenant-pack", packDirectory.appendingPathComponent("tenant-pack.json").path,
                                 "--input", packDirectory.appendingPathComponent("exceptions.json").path,
                                 "--audit-dir", auditDirectory.path] + Self.fixedArguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(pack): \(String(decoding: stderr, as: UTF8.self))")

            let expectedResult = try Data(contentsOf: golden.appendingPathComponent("result.json"))
            let expectedAudit = try Data(contentsOf: golden.appendingPathComponent("audit.jsonl"))
            let audit = try Data(contentsOf: auditDirectory.appendingPathComponent("golden.jsonl"))
            XCTAssertEqual(stdout, expectedResult, "\(pack): the run result differs from the golden output; first difference at byte \(Self.firstDifference(stdout, expectedResult))")
            XCTAssertEqual(audit, expectedAudit, "\(pack): the audit file differs from the golden output; first difference at byte \(Self.firstDifference(audit, expectedAudit))")
        }
    }

    private static func firstDifference(_ a: Data, _ b: Data) -> Int {
        zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    }
}
