import Agents
import EventLog
import Foundation
import Packs
import XCTest

/// The checks every ``ApprovalStore`` must pass (history per tenant and per request, in order), and those of
/// an ``ExceptionWorkStore`` holding approvals: a request asked once and decided once, its pack bundle kept,
/// and a decision resuming the exception on another worker with every audit chain verifying.
public enum ApprovalStoreConformance {
    static func request(_ id: String, tenant: String, at microseconds: Int64) -> ApprovalRequest {
        ApprovalRequest(id: id, tenantID: tenant, exceptionID: "ex-\(id)", playbookID: "pb", reason: "HIGH severity",
                        requestedAtMicroseconds: microseconds, deadlineMicroseconds: microseconds + 3_600_000_000)
    }

    public static func run(_ store: any ApprovalStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let tenant = "approvals-\(UUID().uuidString.prefix(8))"
        let other = tenant + "-other"
        try await store.append(request("a", tenant: tenant, at: 1_767_225_600_000_000))
        try await store.append(request("b", tenant: tenant, at: 1_767_225_601_000_000))
        try await store.append(request("a", tenant: other, at: 1_767_225_602_000_000))
        var decided = request("a", tenant: tenant, at: 1_767_225_600_000_000)
        decided.status = .approved
        decided.decidedBy = "lead"
        decided.comment = "ok"
        decided.decidedAtMicroseconds = 1_767_225_660_123_456
        try await store.append(decided)

        let history = try await store.history(tenantID: tenant)
        XCTAssertEqual(history.map(\.id), ["a", "b", "a"], "every version, oldest first", file: file, line: line)
        XCTAssertEqual(history.last, decided, "a version comes back as written, times to the microsecond", file: file, line: line)
        let one = try await store.history(tenantID: tenant, requestID: "a")
        XCTAssertEqual(one.map(\.status), [.pending, .approved], file: file, line: line)
        let elsewhere = try await store.history(tenantID: other)
        XCTAssertEqual(elsewhere.map(\.tenantID), [other], "a tenant sees its own requests only", file: file, line: line)
        let none = try await store.history(tenantID: tenant + "-none", requestID: "a")
        XCTAssertEqual(none, [], file: file, line: line)
        let queue = ApprovalQueue(store: store)
        let pending = try await queue.pending(tenantID: tenant).map(\.id)
        XCTAssertEqual(pending, ["b"], file: file, line: line)
    }

    public static func runWorkStore(_ store: any ExceptionWorkStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        try await run(store, file: file, line: line)

        // Asked once, decided once; the bundle is kept from the version that named it.
        let tenant = "approvals-\(UUID().uuidString.prefix(8))"
        let asked = request("x", tenant: tenant, at: 1_767_225_600_000_000)
        try await store.append(asked, bundle: "bundle-1")
        try await store.append(asked, bundle: "bundle-1")
        let versions = try await store.history(tenantID: tenant, requestID: "x")
        XCTAssertEqual(versions.count, 1, "a retried job asking again adds nothing", file: file, line: line)
        var approved = asked
        approved.status = .approved
        approved.decidedBy = "lead"
        try await store.append(approved, bundle: nil)
        var rejected = asked
        rejected.status = .rejected
        rejected.decidedBy = "someone else"
        await EventLogStoreConformance.assertThrows(.conflict, file: file, line: line) {
            try await store.append(rejected, bundle: nil)
        }
        let bundle = try await store.approvalBundle(requestID: "x", tenant: tenant)
        XCTAssertEqual(bundle, "bundle-1", file: file, line: line)
        let hidden = try await store.approvalBundle(requestID: "x", tenant: tenant + "-other")
        XCTAssertNil(hidden, file: file, line: line)

        // An exception waits for approval on worker w1; the decision resumes it on worker w2.
        let (packs, exceptions) = try ExceptionWorkStoreConformance.financeSample()
        let bundleTenant = packs.tenant.tenantID
        let bundleID = try await store.savePackBundle(packs)
        let waiting = try XCTUnwrap(exceptions.first { $0["exceptionId"] == "FIN-0002" }, file: file, line: line)
        let rejectedToo = try XCTUnwrap(exceptions.first { $0["exceptionId"] == "FIN-0003" }, file: file, line: line)
        _ = try await ExceptionWorkStoreConformance.submit([waiting, rejectedToo], bundleID: bundleID, tenant: bundleTenant, to: store)
        let first = try await ExceptionWorker(store: store, workerID: "approvals-w1", concurrency: 1).run(exitWhenIdle: true)
        XCTAssertGreaterThanOrEqual(first.completed, 2, file: file, line: line)
        for id in ["FIN-0002", "FIN-0003"] {
            let outcome = try await store.outcome(exceptionID: id, tenant: bundleTenant)
            XCTAssertEqual(outcome?.exception.resolutionStatus, .pendingApproval, id, file: file, line: line)
        }
        let (decision, job) = try await store.decideApproval(tenantID: bundleTenant, requestID: "approval-FIN-0002", approve: true,
                                                            by: "desk-head", comment: "go")
        XCTAssertEqual(decision.status, .approved, file: file, line: line)
        let (_, again) = try await store.decideApproval(tenantID: bundleTenant, requestID: "approval-FIN-0002", approve: true, by: "desk-head")
        XCTAssertEqual(again, job, "deciding the same way again queues no second resume", file: file, line: line)
        await assertAgentsError(.invalidState, file: file, line: line) {
            _ = try await store.decideApproval(tenantID: bundleTenant, requestID: "approval-FIN-0002", approve: false, by: "other")
        }
        await assertAgentsError(.notFound, file: file, line: line) {
            _ = try await store.decideApproval(tenantID: bundleTenant + "-other", requestID: "approval-FIN-0002", approve: true, by: "x")
        }
        _ = try await store.decideApproval(tenantID: bundleTenant, requestID: "approval-FIN-0003", approve: false, by: "desk-head")
        let second = try await ExceptionWorker(store: store, workerID: "approvals-w2", concurrency: 1).run(exitWhenIdle: true)
        XCTAssertEqual(second.completed, 2, "\(second)", file: file, line: line)

        let stored = try await store.outcome(exceptionID: "FIN-0002", tenant: bundleTenant)
        let resumed = try XCTUnwrap(stored, file: file, line: line)
        XCTAssertNotEqual(resumed.exception.resolutionStatus, .pendingApproval, file: file, line: line)
        XCTAssertEqual(resumed.decisions.first { $0.stage == .approval }?.decision.decision, .approved, file: file, line: line)
        XCTAssertTrue(resumed.decisions.contains { $0.stage == .resolution }, "approved: resumed at Resolution", file: file, line: line)
        let closed = try await store.outcome(exceptionID: "FIN-0003", tenant: bundleTenant)
        XCTAssertEqual(closed?.exception.resolutionStatus, .rejected, file: file, line: line)
        let history = try await store.statusHistory(exceptionID: "FIN-0002", tenant: bundleTenant)
        XCTAssertEqual(history.first?.status, .pendingApproval, file: file, line: line)
        XCTAssertEqual(history.last?.status, resumed.exception.resolutionStatus, file: file, line: line)
        let audit = try await store.verifyAudit(tenant: bundleTenant)
        XCTAssertTrue(audit.isValid, "\(String(describing: audit.firstBadRecord))", file: file, line: line)
    }

    static func assertAgentsError(_ code: AgentsError.Code, file: StaticString, line: UInt,
                                  _ body: () async throws -> Void) async {
        do {
            try await body()
            XCTFail("expected AgentsError \(code)", file: file, line: line)
        } catch let error as AgentsError {
            XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
        } catch {
            XCTFail("expected AgentsError \(code), got \(error)", file: file, line: line)
        }
    }

    /// Workers expire overdue approval requests: the exception resumes as escalated (once, with two workers sweeping
    /// at once), and a request decided by someone who stopped before enqueueing its resume job gets that job.
    public static func runExpiry(_ store: any ExceptionWorkStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let (packs, exceptions) = try ExceptionWorkStoreConformance.financeSample()
        let tenant = packs.tenant.tenantID
        let bundleID = try await store.savePackBundle(packs)
        let waiting = try XCTUnwrap(exceptions.filter { ["FIN-0002", "FIN-0003"].contains($0["exceptionId"]?.stringValue) }, file: file, line: line)
        _ = try await ExceptionWorkStoreConformance.submit(waiting, bundleID: bundleID, tenant: tenant, to: store)
        _ = try await ExceptionWorker(store: store, workerID: "expiry-w1", concurrency: 1).run(exitWhenIdle: true)
        for id in ["FIN-0002", "FIN-0003"] {
            let outcome = try await store.outcome(exceptionID: id, tenant: tenant)
            XCTAssertEqual(outcome?.exception.resolutionStatus, .pendingApproval, "not overdue yet: \(id)", file: file, line: line)
        }

        // FIN-0003 is approved by someone who stops before enqueueing its resume job.
        let asked = try await store.history(tenantID: tenant, requestID: "approval-FIN-0003")
        var approved = try XCTUnwrap(asked.last, file: file, line: line)
        approved.status = .approved
        approved.decidedBy = "desk-head"
        approved.decidedAtMicroseconds = StoreClock.nowMicroseconds()
        try await store.append(approved, bundle: nil)
        let awaiting = try await store.approvalsAwaitingResume(limit: 100).filter { $0.request.tenantID == tenant }
        XCTAssertEqual(awaiting.map(\.request.id), ["approval-FIN-0003", "approval-FIN-0002"], "decided first", file: file, line: line)
        XCTAssertEqual(awaiting.map(\.request.status), [.approved, .pending], "each with its latest version", file: file, line: line)
        XCTAssertEqual(Set(awaiting.map(\.bundle)), [bundleID], file: file, line: line)

        // A sweep before the deadline expires nothing but enqueues FIN-0003's missing resume job.
        let early = try await store.expireOverdueApprovals()
        XCTAssertEqual(early, [], file: file, line: line)
        let stillWaiting = try await store.approvalsAwaitingResume(limit: 100).filter { $0.request.tenantID == tenant }
        XCTAssertEqual(stillWaiting.map(\.request.id), ["approval-FIN-0002"], file: file, line: line)

        // A day and a minute later two workers sweep at once: FIN-0002 expires once and resumes as escalated.
        let later = StoreClock.nowMicroseconds() + 86_460_000_000
        async let first = ExceptionWorker(store: store, workerID: "expiry-w2", concurrency: 1, clock: { later }).run(exitWhenIdle: true)
        async let second = ExceptionWorker(store: store, workerID: "expiry-w3", concurrency: 1, clock: { later }).run(exitWhenIdle: true)
        let reports = try await [first, second]
        XCTAssertEqual(reports.map(\.completed).reduce(0, +), 2, "\(reports)", file: file, line: line)
        let stored = try await store.outcome(exceptionID: "FIN-0002", tenant: tenant)
        let escalated = try XCTUnwrap(stored, file: file, line: line)
        XCTAssertEqual(escalated.exception.resolutionStatus, .escalated, file: file, line: line)
        XCTAssertEqual(escalated.decisions.first { $0.stage == .approval }?.decision.decision, .expired, file: file, line: line)
        let statuses = try await store.statusHistory(exceptionID: "FIN-0002", tenant: tenant).map(\.status)
        XCTAssertEqual(statuses, [.pendingApproval, .escalated], file: file, line: line)
        let versions = try await store.history(tenantID: tenant, requestID: "approval-FIN-0002")
        XCTAssertEqual(versions.map(\.status), [.pending, .expired], "expired once", file: file, line: line)
        XCTAssertEqual(versions.last?.decidedBy, "system", file: file, line: line)
        let resumed = try await store.outcome(exceptionID: "FIN-0003", tenant: tenant)
        XCTAssertTrue(resumed?.decisions.contains { $0.stage == .resolution } ?? false, "approved: resumed at Resolution", file: file, line: line)
        let nothingLeft = try await store.approvalsAwaitingResume(limit: 100).filter { $0.request.tenantID == tenant }
        XCTAssertEqual(nothingLeft.map(\.request.id), [], file: file, line: line)
        let again = try await store.expireOverdueApprovals(now: later)
        XCTAssertEqual(again, [], file: file, line: line)
        let audit = try await store.verifyAudit(tenant: tenant)
        XCTAssertTrue(audit.isValid, "\(String(describing: audit.firstBadRecord))", file: file, line: line)
    }

    /// A sweep reads at most `limit` awaiting requests: requests recorded earlier but due later must not crowd out a
    /// due one (or a decided one whose resume job is missing) — they come first: decided, then by deadline.
    public static func runExpiryOrder(_ store: any ExceptionWorkStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let (packs, _) = try ExceptionWorkStoreConformance.financeSample()
        let tenant = packs.tenant.tenantID
        let bundleID = try await store.savePackBundle(packs)
        let before = try await store.approvalsAwaitingResume(limit: 10_000).count
        let now = StoreClock.nowMicroseconds()
        func request(_ id: String, deadline: Int64) -> ApprovalRequest {
            ApprovalRequest(id: id, tenantID: tenant, exceptionID: "EX-\(id)", playbookID: nil, reason: "order test",
                            requestedAtMicroseconds: now - 3_600_000_000, deadlineMicroseconds: deadline)
        }
        for (n, days) in [3, 1, 2].enumerated() {
            try await store.append(request("later-\(n)", deadline: now + Int64(days) * 86_400_000_000), bundle: bundleID)
        }
        try await store.append(request("due", deadline: now - 60_000_000), bundle: bundleID)
        try await store.append(request("decided", deadline: now + 7 * 86_400_000_000), bundle: bundleID)
        var decided = request("decided", deadline: now + 7 * 86_400_000_000)
        decided.status = .approved
        decided.decidedBy = "desk-head"
        decided.decidedAtMicroseconds = now
        try await store.append(decided, bundle: nil)

        let awaiting = try await store.approvalsAwaitingResume(limit: 10_000).filter { $0.request.tenantID == tenant }
        XCTAssertEqual(awaiting.map(\.request.id), ["decided", "due", "later-1", "later-2", "later-0"], file: file, line: line)
        let expired = try await store.expireOverdueApprovals(now: now, limit: before + 2)
        XCTAssertEqual(expired.map(\.id), ["due"], "the due request is within the limit although recorded after three others", file: file, line: line)
        let left = try await store.approvalsAwaitingResume(limit: 10_000).filter { $0.request.tenantID == tenant }
        XCTAssertEqual(left.map(\.request.id), ["later-1", "later-2", "later-0"], "decided and due ones have their resume jobs", file: file, line: line)
    }

}
