import Foundation
import XCTest

/// `approvals list|decide --store`: an exception that needs approval is run by one worker process, decided in
/// the store, then resumed and finished by another worker process; every audit chain verifies. On SQLite
/// always and on PostgreSQL when `TRACEWISE_POSTGRES_URL` is set.
final class ApprovalsCLITests: XCTestCase {
    private func stores() throws -> [String] {
        let fixtures = try CLIFixtures.shared()
        var stores = ["sqlite:" + fixtures.path("approvals-\(UUID().uuidString).sqlite")]
        if let url = ProcessInfo.processInfo.environment["TRACEWISE_POSTGRES_URL"], !url.isEmpty {
            stores.append(url)
        } else {
            print("SKIPPED: TRACEWISE_POSTGRES_URL is not set; the approvals CLI contract runs on SQLite only")
        }
        return stores
    }

    private func exceptions() throws -> [[String: Any]] {
        let url = CLIFixtures.pack("finance").appendingPathComponent("exceptions.json")
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
    }

    func testDecidedApprovalIsResumedByAnotherWorkerProcess() throws {
        let finance = CLIFixtures.pack("finance")
        let fixtures = try CLIFixtures.shared()
        let suffix = String(UUID().uuidString.prefix(6))
        // Fresh exception ids so a shared PostgreSQL database holds no earlier run of them.
        let picked = try exceptions().filter { ["FIN-0002", "FIN-0003", "FIN-0001"].contains($0["exceptionId"] as? String) }.map { item in
            var item = item
            item["exceptionId"] = "\(item["exceptionId"] as? String ?? "")-\(suffix)"
            return item
        }
        let input = fixtures.path("approvals-\(suffix).json")
        try JSONSerialization.data(withJSONObject: picked).write(to: URL(fileURLWithPath: input))
        let (approveID, rejectID) = ("approval-FIN-0002-\(suffix)", "approval-FIN-0003-\(suffix)")
        for store in try stores() {
            let submitted = try CLI.run(["exceptions", "submit", "--store", store,
                                         "--domain-pack", finance.appendingPathComponent("domain-pack.json").path,
                                         "--tenant-pack", finance.appendingPathComponent("tenant-pack.json").path, "--input", input])
            XCTAssertEqual(submitted.status, 0, submitted.stderr)

            let workerA = try CLI.run(["worker", "--store", store, "--concurrency", "1", "--exit-when-idle"])
            XCTAssertEqual(workerA.status, 0, workerA.stderr)
            XCTAssertGreaterThanOrEqual(try workerA.object()["completed"] as? Int ?? 0, 3)

            let listed = try CLI.run(["approvals", "list", "--store", store, "--tenant", "acme-capital", "--pending", "--format", "json"])
            XCTAssertEqual(listed.status, 0, listed.stderr)
            let pending = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            let ids = Set(pending.compactMap { $0["approvalRequestId"] as? String })
            XCTAssertTrue(ids.isSuperset(of: [approveID, rejectID]), "\(ids)")
            let item = try XCTUnwrap(pending.first { $0["approvalRequestId"] as? String == approveID })
            XCTAssertEqual(item["status"] as? String, "PENDING")
            XCTAssertTrue((item["requestedAt"] as? String)?.hasSuffix("Z") == true, "times are ISO 8601: \(item)")

            let approved = try CLI.run(["approvals", "decide", approveID, "--store", store, "--tenant", "acme-capital",
                                        "--approve", "--by", "desk-head", "--comment", "go", "--format", "json"])
            XCTAssertEqual(approved.status, 0, approved.stderr)
            let decided = try approved.object()
            XCTAssertEqual(decided["status"] as? String, "APPROVED")
            XCTAssertEqual(decided["decidedBy"] as? String, "desk-head")
            let job = try XCTUnwrap(decided["resumeJob"] as? Int)
            let repeated = try CLI.run(["approvals", "decide", approveID, "--store", store, "--tenant", "acme-capital",
                                        "--approve", "--by", "desk-head", "--format", "json"])
            XCTAssertEqual(repeated.status, 0, repeated.stderr)
            XCTAssertEqual(try repeated.object()["resumeJob"] as? Int, job, "deciding again queues no second resume")
            let contrary = try CLI.run(["approvals", "decide", approveID, "--store", store, "--tenant", "acme-capital", "--reject", "--by", "x"])
            XCTAssertEqual(contrary.status, 1, "a decided request cannot be decided the other way")
            let unknown = try CLI.run(["approvals", "decide", "approval-none", "--store", store, "--tenant", "acme-capital", "--approve", "--by", "x"])
            XCTAssertEqual(unknown.status, 1)
            let usage = try CLI.run(["approvals", "decide", approveID, "--store", store, "--tenant", "acme-capital", "--approve", "--reject", "--by", "x"])
            XCTAssertEqual(usage.status, 2)
            let rejected = try CLI.run(["approvals", "decide", rejectID, "--store", store, "--tenant", "acme-capital",
                                        "--reject", "--by", "desk-head", "--format", "json"])
            XCTAssertEqual(rejected.status, 0, rejected.stderr)

            let workerB = try CLI.run(["worker", "--store", store, "--concurrency", "1", "--exit-when-idle"])
            XCTAssertEqual(workerB.status, 0, workerB.stderr)
            XCTAssertGreaterThanOrEqual(try workerB.object()["completed"] as? Int ?? 0, 2, "worker B resumes both decided exceptions")

            let outcomes = try CLI.run(["exceptions", "list", "--store", store, "--tenant", "acme-capital", "--format", "json"])
            XCTAssertEqual(outcomes.status, 0, outcomes.stderr)
            let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outcomes.stdout.utf8)) as? [[String: Any]])
            func outcomeItem(_ id: String) throws -> [String: Any] { try XCTUnwrap(items.first { $0["exceptionId"] as? String == id }, id) }
            let resumed = try outcomeItem("FIN-0002-\(suffix)")
            let status = try XCTUnwrap(resumed["resolutionStatus"] as? String)
            XCTAssertNotEqual(status, "PENDING_APPROVAL")
            let history = try XCTUnwrap(resumed["history"] as? [[String: Any]]).compactMap { $0["status"] as? String }
            XCTAssertEqual(history, ["PENDING_APPROVAL", status])
            let stages = try XCTUnwrap((resumed["outcome"] as? [String: Any])?["decisions"] as? [[String: Any]]).compactMap { $0["stage"] as? String }
            XCTAssertTrue(stages.contains("APPROVAL") && stages.contains("RESOLUTION"), "\(stages)")
            XCTAssertEqual(try outcomeItem("FIN-0003-\(suffix)")["resolutionStatus"] as? String, "REJECTED")

            let after = try CLI.run(["approvals", "list", "--store", store, "--tenant", "acme-capital", "--format", "json"])
            let all = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
            XCTAssertEqual(all.first { $0["approvalRequestId"] as? String == approveID }?["status"] as? String, "APPROVED")

            let verified = try CLI.run(["audit", "verify", "--store", store, "--tenant", "acme-capital", "--format", "json"])
            XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
        }
    }
}
