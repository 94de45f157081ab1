import Agents
import Foundation
import TracewiseTestSupport
import XCTest

/// Kills `tracewise exceptions run` with SIGKILL mid-run and checks the audit file it leaves.
final class AuditCrashTests: XCTestCase {
    private var tracewiseBinary: URL? {
        let testBinary = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        var directory = testBinary.deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" { directory = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        let candidate = directory.appendingPathComponent("tracewise")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    func testSigkillMidRunLeavesAVerifiableFileWithAtMostATornLastLine() throws {
        guard let binary = tracewiseBinary else { throw XCTSkip("the tracewise executable is not built next to the tests") }
        let packs = SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let exceptions = (0..<40_000).map { i in
            #"{"exceptionId":"e\#(i)","exceptionType":"SETTLEMENT_FAIL","sourceSystem":"csd","payload":{"tradeId":"T-\#(i)","account":"A","amount":\#(1000 + i),"currency":"USD","settlementDate":"2026-11-20","failReason":"SSI_MISMATCH"}}"#
        }
        let input = work.appendingPathComponent("exceptions.json")
        try ("[" + exceptions.joined(separator: ",") + "]").write(to: input, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = binary
        process.arguments = ["exceptions", "run", "--domain-pack", packs.appendingPathComponent("domain-pack.yaml").path,
                             "--tenant-pack", packs.appendingPathComponent("tenant-pack.yaml").path,
                             "--input", input.path, "--audit-dir", work.path, "--run-id", "crash"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let audit = work.appendingPathComponent("crash.jsonl")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: audit.path)[.size] as? Int) ?? 0
            if size > 200_000 { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run must still be going when killed")

        let report = try AuditVerifier.verify(fileAt: audit)
        XCTAssertTrue(report.isValid, "\(String(describing: report.problem))")
        XCTAssertGreaterThan(report.validRecords, 100)

        let resumed = try JSONLAuditSink(fileURL: audit)
        try awaitRecord(resumed)
        let after = try AuditVerifier.verify(fileAt: audit)
        XCTAssertTrue(after.isValid)
        XCTAssertFalse(after.truncatedLastLine)
        XCTAssertEqual(after.validRecords, report.validRecords + 1)
    }

    private func awaitRecord(_ sink: JSONLAuditSink) throws {
        let done = expectation(description: "recorded")
        Task {
            try await sink.record(AuditEntry(timestamp: "2026-11-23T00:00:00Z", runID: "crash", tenantID: "acme-capital",
                                             exceptionID: nil, stage: "RECOVERY"))
            done.fulfill()
        }
        wait(for: [done], timeout: 10)
    }
}
