import Agents
import EventLog
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Packs
import PostgresTestSupport
import TracewisePostgres
import TracewiseSQLite
import TracewiseServer
import TracewiseTestSupport
import XCTest

/// On SQLite and PostgreSQL, a decision through the server is the decision `tracewise approvals decide` makes — recorded with an
/// `exception-resume` job in the database — so a process that stops before the job runs loses nothing: the next
/// process on the database resumes the exception exactly once, whether the job was queued (the route answered 202
/// while waiting for it) or lost with the process (its approval sweep queues it).
final class ApprovalResumeRecoveryTests: XCTestCase {
    /// The decisions process A made: approval, exception and the status its resumption must end in (nil: any but pending).
    private actor Decisions {
        var items: [(approval: String, exception: String, status: ResolutionStatus?)] = []
        func add(_ approval: String, _ exception: String, _ status: ResolutionStatus?) { items.append((approval, exception, status)) }
    }

    func testOnSQLite() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-resume-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await decisionsOfAProcessThatStoppedAreResumedOnceByTheNext(try SQLiteStore(path: path), try SQLiteStore(path: path))
    }

    func testOnPostgreSQL() async throws {
        guard PostgresTestDatabase.isConfigured else {
            throw XCTSkip("TRACEWISE_POSTGRES_URL is not set; the approval recovery test ran on SQLite only")
        }
        try await PostgresTestDatabase.withTwoStores { try await decisionsOfAProcessThatStoppedAreResumedOnceByTheNext($0, $1) }
    }

    /// Process A (on `storeA`) decides two approvals and stops before their resume jobs run; process B (on `storeB`,
    /// the same database) finishes both exceptions, once.
    private func decisionsOfAProcessThatStoppedAreResumedOnceByTheNext(_ storeA: any ServerStores.Database, _ storeB: any ServerStores.Database) async throws {
        let exceptions = Array(try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance/exceptions.json")))

        // Process A: its job worker never runs (it stops before any resume job does) and its route waits briefly.
        let processA = try await ServerHarness(stores: ServerStores(database: storeA)) { $0.decisionWait = .milliseconds(300) }
        let decisions = Decisions()
        try await processA.test(runningServices: false) { client in
            try await ExceptionAndPackRouteTests.installFinance(client, processA)
            let run = try await client.execute(uri: "/run", method: .post, headers: processA.headers("operator"),
                                               body: ByteBuffer(string: "{\"tenantId\":\"acme\",\"exceptions\":\(String(decoding: exceptions, as: UTF8.self))}"))
            XCTAssertEqual(run.status, .ok, String(buffer: run.body))
            let pending = try ServerHarness.jsonArray(try await client.execute(uri: "/exceptions/acme/approvals?status=pending", method: .get,
                                                                               headers: processA.headers("viewer")))
            let requests = try pending.prefix(2).map { (try XCTUnwrap($0["id"] as? String), try XCTUnwrap($0["exceptionId"] as? String)) }
            guard requests.count == 2 else { return XCTFail("the finance samples raise at least two approvals: \(pending.count)") }
            for (id, _) in requests {
                let bundle = try await storeA.approvalBundle(requestID: id, tenant: "acme")
                XCTAssertNotNil(bundle, "the server records each approval request with its pack bundle")
            }

            // The first decided through the route: no worker runs its resume job, so the route answers 202 with the job.
            let (first, firstException) = requests[0]
            let answer = try await client.execute(uri: "/exceptions/acme/approvals/\(first)/decision", method: .post, headers: processA.headers("operator"),
                                                  body: ByteBuffer(string: #"{"decision":"approve","user":"ops-lead","comment":"ok"}"#))
            XCTAssertEqual(answer.status, .accepted, String(buffer: answer.body))
            XCTAssertEqual(answer.headers[.location], "/exceptions/acme/\(firstException)")
            let body = try ServerHarness.json(answer)
            XCTAssertNotNil(body["jobId"] as? Int)
            XCTAssertEqual((body["approval"] as? [String: Any])?["status"] as? String, "APPROVED")
            try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme/approvals/\(first)/decision", method: .post,
                                                                     headers: processA.headers("operator"),
                                                                     body: ByteBuffer(string: #"{"decision":"approve","user":"ops-lead"}"#)),
                                            .conflict, "approval-decided")
            await decisions.add(first, firstException, nil)

            // The second decided, then the process stops before it queues the resume job (the decision alone is in the store).
            let (second, secondException) = requests[1]
            _ = try await ApprovalQueue(store: storeA).reject(tenantID: "acme", requestID: second, by: "ops-lead", comment: "no")
            await decisions.add(second, secondException, .rejected)
        }
        let decided = await decisions.items
        guard decided.count == 2 else { return XCTFail("process A decided \(decided.count) approvals") }
        let queuedBefore = try await storeA.jobs(in: .queued, limit: 100).filter { $0.kind == JobKind.approvalResume }
        XCTAssertEqual(queuedBefore.map(\.dedupeKey), ["resume:\(decided[0].approval)"], "only the route's decision queued a resume job")

        // Process B on the same database: its job worker runs the queued job, its approval sweep queues the lost one.
        let processB = try await ServerHarness(stores: ServerStores(database: storeB)) { $0.approvalSweep = .milliseconds(200) }
        try await processB.test { client in
            for item in decided {
                var status: String?
                for _ in 0..<600 {
                    let response = try await client.execute(uri: "/exceptions/acme/\(item.exception)", method: .get, headers: processB.headers("viewer"))
                    let document = try ServerHarness.json(response)
                    if document["processing"] as? Bool == false, let current = document["status"] as? String, current != "PENDING_APPROVAL" {
                        status = current
                        break
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                XCTAssertNotNil(status, "\(item.exception) was resumed")
                if let expected = item.status { XCTAssertEqual(status, expected.rawValue) }
            }
            // Let further sweeps run: nothing is resumed twice.
            try await Task.sleep(for: .milliseconds(600))
            try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme/approvals/\(decided[1].approval)/decision", method: .post,
                                                                     headers: processB.headers("operator"),
                                                                     body: ByteBuffer(string: #"{"decision":"approve","user":"ops-lead"}"#)),
                                            .conflict, "approval-decided")
        }

        for item in decided {
            let history = try await storeB.statusHistory(exceptionID: item.exception, tenant: "acme").map(\.status)
            XCTAssertEqual(history.filter { $0 == .pendingApproval }.count, 1, "\(item.exception): \(history)")
            XCTAssertEqual(history.last.map { $0 != .pendingApproval }, true, "\(item.exception): \(history)")
            XCTAssertEqual(history.count, 2, "one resumed outcome after the pending one: \(history)")
            if let expected = item.status { XCTAssertEqual(history.last, expected) }
            let versions = try await storeB.history(tenantID: "acme", requestID: item.approval)
            XCTAssertEqual(versions.count, 2, "asked once, decided once")
        }
        let resumeJobs = try await storeB.jobs(in: .succeeded, limit: 100).filter { $0.kind == JobKind.approvalResume }
        XCTAssertEqual(Set(resumeJobs.compactMap(\.dedupeKey)), Set(decided.map { "resume:\($0.approval)" }))
        XCTAssertEqual(resumeJobs.count, 2, "one resume job per decision")
        let counts = try await storeB.counts()
        XCTAssertEqual(counts.deadLettered, 0)
        XCTAssertEqual(counts.queued + counts.running, 0)
        let audit = try await storeB.verifyAudit(tenant: "acme")
        XCTAssertTrue(audit.isValid, "\(audit)")
    }
}
