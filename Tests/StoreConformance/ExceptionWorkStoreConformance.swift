import Agents
import EventLog
import Foundation
import Packs
import TracewiseTestSupport
import XCTest

/// The checks every ``ExceptionWorkStore`` must pass: pack bundles per tenant, workers running the finance
/// sample end to end (outcomes, status history, audit chains), `finish` committing nothing without the lease,
/// and the tool-call ledger.
public enum ExceptionWorkStoreConformance {
    /// The finance sample pack bundle and its exceptions (Examples/Packs/finance).
    public static func financeSample() throws -> (bundle: PackBundle, exceptions: [PackValue]) {
        let folder = SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance")
        let result = PackLoader().loadBundle(domainPackAt: folder.appendingPathComponent("domain-pack.json"),
                                             tenantPolicyPackAt: folder.appendingPathComponent("tenant-pack.json"))
        let bundle = try XCTUnwrap(result.pack, "\(result.report)")
        let data = try Data(contentsOf: folder.appendingPathComponent("exceptions.json"))
        guard case .array(let exceptions) = try JSONDecoder().decode(PackValue.self, from: data) else {
            throw XCTSkip("exceptions.json is not an array")
        }
        return (bundle, exceptions)
    }

    /// Enqueues `exceptions` as jobs of `bundleId`, keyed by exception id.
    public static func submit(_ exceptions: [PackValue], bundleID: String, tenant: String, to store: any ExceptionWorkStore,
                              maxAttempts: Int = 5) async throws -> [Int64] {
        let jobs = try exceptions.map { exception in
            NewJob(tenantID: tenant, kind: JobKind.exception,
                   payload: Array(try StoreJSON.encode(ExceptionJobPayload(bundle: bundleID, exception: exception))),
                   dedupeKey: exception["exceptionId"].flatMap { if case .string(let id) = $0 { id } else { nil } },
                   maxAttempts: maxAttempts)
        }
        return try await store.enqueue(jobs)
    }

    public static func run(_ store: any ExceptionWorkStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let (bundle, exceptions) = try financeSample()
        let tenant = bundle.tenant.tenantID
        let id = try await store.savePackBundle(bundle)
        XCTAssertEqual(id, try bundle.contentID(), file: file, line: line)
        do {
            let value = try await store.savePackBundle(bundle)
            XCTAssertEqual(value, id, "saving again is idempotent", file: file, line: line)
        }
        do {
            let loaded = try await store.packBundle(id: id, tenant: tenant)
            XCTAssertEqual(loaded, bundle, file: file, line: line)
            let other = try await store.packBundle(id: id, tenant: "another-tenant")
            XCTAssertNil(other, "a bundle is visible to its tenant only", file: file, line: line)
        }

        // Two workers drain the queue; every exception ends with one outcome, one status change and a verified chain.
        _ = try await submit(exceptions, bundleID: id, tenant: tenant, to: store)
        async let first = ExceptionWorker(store: store, workerID: "w1", concurrency: 2).run(exitWhenIdle: true)
        async let second = ExceptionWorker(store: store, workerID: "w2", concurrency: 2).run(exitWhenIdle: true)
        let reports = try await [first, second]
        XCTAssertEqual(reports.map(\.completed).reduce(0, +), exceptions.count, "\(reports)", file: file, line: line)
        let outcomes = try await store.outcomes(tenant: tenant)
        XCTAssertEqual(outcomes.count, exceptions.count, file: file, line: line)
        XCTAssertTrue(outcomes.allSatisfy { !$0.decisions.isEmpty }, "every outcome went through the stages", file: file, line: line)
        let history = try await store.statusHistory(exceptionID: "FIN-0001", tenant: tenant)
        XCTAssertEqual(history.count, 1, file: file, line: line)
        XCTAssertEqual(history.first?.status, outcomes.first { $0.exception.exceptionID == "FIN-0001" }?.exception.resolutionStatus,
                       file: file, line: line)
        let audit = try await store.verifyAudit(tenant: tenant)
        XCTAssertTrue(audit.isValid, "\(String(describing: audit.firstBadRecord))", file: file, line: line)
        XCTAssertEqual(audit.chains, exceptions.count, file: file, line: line)
        XCTAssertGreaterThan(audit.records, exceptions.count * 3, file: file, line: line)
        let elsewhere = try await store.verifyAudit(tenant: "another-tenant")
        XCTAssertEqual(elsewhere.records, 0, file: file, line: line)
        let counts = try await store.counts()
        XCTAssertEqual(counts.succeeded, exceptions.count, file: file, line: line)
        XCTAssertEqual(counts.queued + counts.running, 0, file: file, line: line)

        // A worker whose lease was taken over commits nothing.
        guard case .object(var members) = exceptions[0] else { return XCTFail("an exception is not an object", file: file, line: line) }
        members["exceptionId"] = "FIN-LATE"
        let late = PackValue.object(members)
        _ = try await submit([late], bundleID: id, tenant: tenant, to: store)
        let staleClaim = try await store.claim(worker: "slow", limit: 1, lease: .milliseconds(1))
        let stale = try XCTUnwrap(staleClaim.first, file: file, line: line)
        try await Task.sleep(for: .milliseconds(50))
        let freshClaim = try await store.claim(worker: "fast", limit: 1, lease: .seconds(60))
        let fresh = try XCTUnwrap(freshClaim.first, file: file, line: line)
        XCTAssertEqual(fresh.id, stale.id, file: file, line: line)
        let outcome = outcomes[0]
        var lateOutcome = outcome
        lateOutcome.exception.exceptionID = "FIN-LATE"
        lateOutcome.plan = try ledgerPlan(tenant: tenant, exceptionID: "FIN-LATE")
        let auditEntry = AuditEntry(timestamp: "2026-01-01T00:00:00Z", runID: "late", tenantID: tenant, exceptionID: "FIN-LATE", stage: "intake")
        await EventLogStoreConformance.assertThrows(.leaseLost, file: file, line: line) {
            try await store.finish(stale, worker: "slow", outcome: lateOutcome, runID: "late-stale", audit: [auditEntry])
        }
        do {
            let none = try await store.outcome(exceptionID: "FIN-LATE", tenant: tenant)
            XCTAssertNil(none, "a refused finish must commit nothing", file: file, line: line)
            let calls = try await store.succeededToolCalls(exceptionID: "FIN-LATE", tenant: tenant)
            XCTAssertEqual(calls, [], file: file, line: line)
        }

        // The lease holder's finish records the tool calls that succeeded, for its tenant only.
        try await store.finish(fresh, worker: "fast", outcome: lateOutcome, runID: "late-fresh", audit: [auditEntry])
        let calls = try await store.succeededToolCalls(exceptionID: "FIN-LATE", tenant: tenant)
        XCTAssertEqual(calls.map(\.idempotencyKey), ["FIN-LATE:s1"], file: file, line: line)
        let foreign = try await store.succeededToolCalls(exceptionID: "FIN-LATE", tenant: "another-tenant")
        XCTAssertEqual(foreign, [], file: file, line: line)
        let verified = try await store.verifyAudit(tenant: tenant)
        XCTAssertTrue(verified.isValid, "\(String(describing: verified.firstBadRecord))", file: file, line: line)
        XCTAssertEqual(verified.chains, exceptions.count + 1, file: file, line: line)
    }

    /// A plan with one successful and one failed tool call (only the first belongs in the ledger).
    static func ledgerPlan(tenant: String, exceptionID: String) throws -> ResolutionPlan {
        let tool = ToolName(tenantID: tenant, domain: "finance", tool: "notify")
        let success = ToolCallOutcome(tool: tool, status: .success, result: ["ok": true], attempts: 1, latency: .milliseconds(10),
                                      idempotencyKey: "\(exceptionID):s1")
        let failure = ToolCallOutcome(tool: tool, status: .failed, error: "boom", attempts: 1, latency: .milliseconds(10),
                                      idempotencyKey: "\(exceptionID):s2")
        func step(_ id: String, _ status: String, _ outcome: ToolCallOutcome) throws -> String {
            let body = String(decoding: try StoreJSON.encode(outcome), as: UTF8.self)
            return #"{"stepId":"\#(id)","tool":"notify","arguments":{},"status":"\#(status)","isRollback":false,"outcome":\#(body)}"#
        }
        let json = #"{"playbookId":"p","dryRun":false,"steps":[\#(try step("s1", "SUCCESS", success)),\#(try step("s2", "FAILED", failure))]}"#
        return try JSONDecoder().decode(ResolutionPlan.self, from: Data(json.utf8))
    }
}
