import Foundation
import XCTest

/// `exceptions run`, `exceptions from-log` and `audit verify`: the run result's JSON shape, the audit file
/// and exit codes.
final class AgentsCLITests: XCTestCase {
    private let finance = CLIFixtures.pack("finance")
    private let processMining = CLIFixtures.pack("process-mining")

    func testExceptionsRunAndAuditVerify() throws {
        let fixtures = try CLIFixtures.shared()
        let audit = fixtures.path("audit")
        let run = try CLI.run(["exceptions", "run", "--domain-pack", finance.appendingPathComponent("domain-pack.yaml").path,
                               "--tenant-pack", finance.appendingPathComponent("tenant-pack.yaml").path,
                               "--input", finance.appendingPathComponent("exceptions.json").path,
                               "--audit-dir", audit, "--run-id", "cli-test"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try run.object()
        XCTAssertEqual(Set(json.keys), ["tenantId", "runId", "results"])
        XCTAssertEqual(json["runId"] as? String, "cli-test")
        XCTAssertFalse((json["results"] as? [Any] ?? []).isEmpty)
        XCTAssertEqual(try CLI.run(["exceptions", "run", "--domain-pack", fixtures.missing, "--tenant-pack", fixtures.missing,
                                    "--input", fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["exceptions", "run", "--input", fixtures.missing]).status, 2)

        let file = audit + "/cli-test.jsonl"
        let verified = try CLI.run(["audit", "verify", file, "--format", "json"])
        XCTAssertEqual(verified.status, 0, verified.stderr)
        let report = try verified.object()
        XCTAssertTrue(Set(report.keys).isSuperset(of: ["validRecords", "truncatedLastLine"]), "\(report.keys)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let index = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: ":")))
        bytes[bytes.index(after: index)] ^= 1
        let edited = fixtures.path("edited.jsonl")
        try bytes.write(to: URL(fileURLWithPath: edited))
        let broken = try CLI.run(["audit", "verify", edited, "--format", "text"])
        XCTAssertEqual(broken.status, 1, "an edited audit file is a finding")
        XCTAssertTrue(broken.stdout.hasPrefix("INVALID: "), broken.stdout)
        XCTAssertEqual(try CLI.run(["audit", "verify", fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["audit", "verify"]).status, 2)
    }

    func testExceptionsFromLog() throws {
        let fixtures = try CLIFixtures.shared()
        let arguments = ["exceptions", "from-log", fixtures.log,
                         "--domain-pack", processMining.appendingPathComponent("domain-pack.yaml").path,
                         "--tenant-pack", processMining.appendingPathComponent("tenant-pack.yaml").path,
                         "--audit-dir", fixtures.path("audit"), "--max-per-type", "2"]
        let run = try CLI.run(arguments + ["--model", fixtures.net, "--run-id", "closed-loop-test", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try run.object()
        XCTAssertEqual(Set(json.keys), ["tenantId", "runId", "results"])
        XCTAssertFalse((json["results"] as? [Any] ?? []).isEmpty)
        XCTAssertEqual(try CLI.run(arguments + ["--model", fixtures.missing]).status, 1)
        let usage = try CLI.run(arguments + ["--sod", "Approve"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("--sod"), usage.stderr)
    }
}
