import Agents
import EventLog
import Packs
import XCTest

/// The batch paths of a work store: one `finish` for jobs of several tenants (each job's results land in its own
/// tenant, a job whose lease was taken over commits nothing), a worker that dies holding a claimed batch (every job
/// of it is retried and finished exactly once), and a batch in which one job fails while the others commit.
/// Needs a store with an empty queue.
extension ExceptionWorkStoreConformance {
    public static func runBatches(_ store: any ExceptionWorkStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        try await mixedTenantBatch(store, file: file, line: line)
        try await batchOfADeadWorker(store, file: file, line: line)
        try await batchWithAFailingJob(store, file: file, line: line)
    }

    /// Four jobs of two tenants claimed in one batch; another worker takes over the first before the batch commits.
    private static func mixedTenantBatch(_ store: any ExceptionWorkStore, file: StaticString, line: UInt) async throws {
        let exceptions = [("A-1", "batch-a"), ("A-2", "batch-a"), ("B-1", "batch-b"), ("B-2", "batch-b")]
        let ids = try await store.enqueue(exceptions.map { NewJob(tenantID: $0.1, kind: JobKind.exception, payload: [1], dedupeKey: $0.0) })
        let claimed = try await store.claim(worker: "batcher", limit: 4, lease: .milliseconds(1))
        XCTAssertEqual(claimed.map(\.id), ids, "one claim takes the batch across tenants", file: file, line: line)
        try await Task.sleep(for: .milliseconds(50))
        let stolen = try await store.claim(worker: "thief", limit: 1, lease: .seconds(60))
        XCTAssertEqual(stolen.map(\.id), [ids[0]], file: file, line: line)

        let finished = try zip(claimed, exceptions).map { job, exception in
            try finishedJob(job, exceptionID: exception.0, runID: "batch-\(exception.0)")
        }
        let lost = try await store.finish(finished, worker: "batcher")
        XCTAssertEqual(lost, [ids[0]], "only the job taken over is refused", file: file, line: line)
        let inA = try await store.outcomes(tenant: "batch-a").map(\.exception.exceptionID).sorted()
        XCTAssertEqual(inA, ["A-2"], "nothing of the job taken over was committed", file: file, line: line)
        let inB = try await store.outcomes(tenant: "batch-b").map(\.exception.exceptionID).sorted()
        XCTAssertEqual(inB, ["B-1", "B-2"], file: file, line: line)
        let callsB = try await store.succeededToolCalls(exceptionID: "B-1", tenant: "batch-b").map(\.idempotencyKey)
        XCTAssertEqual(callsB, ["B-1:s1"], file: file, line: line)
        let callsAcross = try await store.succeededToolCalls(exceptionID: "B-1", tenant: "batch-a")
        XCTAssertEqual(callsAcross, [], "a tool call is recorded in its job's tenant only", file: file, line: line)
        let callsLost = try await store.succeededToolCalls(exceptionID: "A-1", tenant: "batch-a")
        XCTAssertEqual(callsLost, [], "the lost job's tool calls are not in the ledger", file: file, line: line)
        let historyLost = try await store.statusHistory(exceptionID: "A-1", tenant: "batch-a")
        XCTAssertEqual(historyLost, [], file: file, line: line)
        let historyB = try await store.statusHistory(exceptionID: "B-2", tenant: "batch-b").map(\.runID)
        XCTAssertEqual(historyB, ["batch-B-2"], file: file, line: line)
        let auditA = try await store.verifyAudit(tenant: "batch-a")
        XCTAssertTrue(auditA.isValid, "\(String(describing: auditA.firstBadRecord))", file: file, line: line)
        XCTAssertEqual(auditA.chains, 1, file: file, line: line)
        let auditB = try await store.verifyAudit(tenant: "batch-b")
        XCTAssertTrue(auditB.isValid, "\(String(describing: auditB.firstBadRecord))", file: file, line: line)
        XCTAssertEqual(auditB.chains, 2, file: file, line: line)

        // The worker that took the job over commits it once.
        let lostAgain = try await store.finish([try finishedJob(stolen[0], exceptionID: "A-1", runID: "batch-A-1-again")], worker: "thief")
        XCTAssertEqual(lostAgain, [], file: file, line: line)
        let nowInA = try await store.outcomes(tenant: "batch-a").map(\.exception.exceptionID).sorted()
        XCTAssertEqual(nowInA, ["A-1", "A-2"], file: file, line: line)
        let historyA1 = try await store.statusHistory(exceptionID: "A-1", tenant: "batch-a").map(\.runID)
        XCTAssertEqual(historyA1, ["batch-A-1-again"], file: file, line: line)
        let unfinished = try await store.hasUnfinishedJobs()
        XCTAssertFalse(unfinished, file: file, line: line)
    }

    /// A worker claims a batch and dies (its leases expire): another worker runs every job of it again and each
    /// exception ends with one outcome, one status change and one verified audit chain — its second attempt's.
    private static func batchOfADeadWorker(_ store: any ExceptionWorkStore, file: StaticString, line: UInt) async throws {
        let (bundle, sample) = try financeSample()
        let tenant = bundle.tenant.tenantID
        let bundleID = try await store.savePackBundle(bundle)
        let exceptions = Array(sample.prefix(3))
        let ids = try await submit(exceptions, bundleID: bundleID, tenant: tenant, to: store)
        let dead = try await store.claim(worker: "dies", limit: 3, lease: .milliseconds(1))
        XCTAssertEqual(dead.map(\.id), ids, file: file, line: line)
        try await Task.sleep(for: .milliseconds(50))

        let report = try await ExceptionWorker(store: store, workerID: "rescuer", concurrency: 1).run(exitWhenIdle: true)
        XCTAssertEqual(report.completed, 3, "\(report)", file: file, line: line)
        let outcomes = try await store.outcomes(tenant: tenant)
        XCTAssertEqual(outcomes.count, 3, file: file, line: line)
        for (id, exception) in zip(ids, exceptions) {
            guard case .string(let exceptionID)? = exception["exceptionId"] else { return XCTFail("no exception id", file: file, line: line) }
            let history = try await store.statusHistory(exceptionID: exceptionID, tenant: tenant).map(\.runID)
            XCTAssertEqual(history, ["job-\(id)-attempt-2"], "finished once, by the retry", file: file, line: line)
        }
        let audit = try await store.verifyAudit(tenant: tenant)
        XCTAssertTrue(audit.isValid, "\(String(describing: audit.firstBadRecord))", file: file, line: line)
        XCTAssertEqual(audit.chains, 3, "the dead worker's attempts left no chain", file: file, line: line)
    }

    /// A job that fails (its pack bundle is missing) is failed alone; the rest of its batch commits.
    private static func batchWithAFailingJob(_ store: any ExceptionWorkStore, file: StaticString, line: UInt) async throws {
        let (bundle, sample) = try financeSample()
        let tenant = bundle.tenant.tenantID
        let bundleID = try await store.savePackBundle(bundle)
        let before = try await store.outcomes(tenant: tenant).count
        let good = Array(sample.dropFirst(3).prefix(2))
        _ = try await submit(good, bundleID: bundleID, tenant: tenant, to: store)
        guard case .object(var members) = sample[0] else { return XCTFail("an exception is not an object", file: file, line: line) }
        members["exceptionId"] = "FIN-NO-BUNDLE"
        let bad = try await submit([.object(members)], bundleID: "no-such-bundle", tenant: tenant, to: store, maxAttempts: 1)
        let report = try await ExceptionWorker(store: store, workerID: "batch-with-failure", concurrency: 1).run(exitWhenIdle: true)
        XCTAssertEqual(report.completed, 2, "\(report)", file: file, line: line)
        XCTAssertEqual(report.deadLettered, 1, "\(report)", file: file, line: line)
        let after = try await store.outcomes(tenant: tenant)
        XCTAssertEqual(after.count, before + 2, file: file, line: line)
        XCTAssertFalse(after.contains { $0.exception.exceptionID == "FIN-NO-BUNDLE" }, file: file, line: line)
        let deadLettered = try await store.jobs(in: .deadLettered, limit: 10).map(\.id)
        XCTAssertEqual(deadLettered, bad, file: file, line: line)
    }

    /// A minimal outcome of `job` with one successful tool call and a two-entry audit chain.
    private static func finishedJob(_ job: ClaimedJob, exceptionID: String, runID: String) throws -> FinishedJob {
        var outcome = ExceptionOutcome(exception: ExceptionRecord(exceptionID: exceptionID, tenantID: job.tenantID, sourceSystem: "batch",
                                                                  exceptionType: "BATCH", timestamp: "2026-01-01T00:00:00Z",
                                                                  rawPayload: .null, normalizedContext: .null))
        outcome.plan = try ledgerPlan(tenant: job.tenantID, exceptionID: exceptionID)
        let audit = ["INTAKE", "FEEDBACK"].map {
            AuditEntry(timestamp: "2026-01-01T00:00:00Z", runID: runID, tenantID: job.tenantID, exceptionID: exceptionID, stage: $0)
        }
        return FinishedJob(job: job, outcome: outcome, runID: runID, audit: audit)
    }
}
