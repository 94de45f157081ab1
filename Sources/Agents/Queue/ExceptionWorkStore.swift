import EventLog
import Packs

/// What exception workers need from a durable store beyond ``JobQueue`` and ``ExceptionStore``: the pack
/// bundles jobs refer to, the ledger of tool calls that succeeded, the audit chains, and one atomic
/// ``finish(_:worker:)`` (one transaction for a batch of jobs).
///
/// `finish` commits the outcome, its status change, the job's audit chain, the idempotency keys of the tool
/// calls that succeeded and the job's completion in one transaction: either all of it happened or none did,
/// so a job retried after a crash redoes its work, and ``succeededToolCalls(exceptionID:tenant:)`` tells the
/// retry which tool calls must not be repeated. `TracewiseSQLite` and `TracewisePostgres` conform.
///
/// It is also the ``ApprovalStore`` of the exceptions it runs: a request is recorded with the pack bundle that
/// governs its exception, so ``decideApproval(tenantID:requestID:approve:by:comment:requirePending:)`` can queue the job that
/// resumes the exception on whichever worker claims it.
public protocol ExceptionWorkStore: JobQueue, ExceptionStore, ApprovalStore {
    /// Stores a pack bundle (idempotent) and returns its id, a hash of its content.
    func savePackBundle(_ bundle: PackBundle) async throws -> String
    /// The bundle with that id, or nil.
    func packBundle(id: String, tenant: String) async throws -> PackBundle?
    /// The recorded successful tool calls of an exception (keys `<exceptionId>:…`).
    func succeededToolCalls(exceptionID: String, tenant: String) async throws -> [ToolCallOutcome]
    /// Commits the results of many jobs in one transaction and marks them succeeded: for each job its outcome,
    /// status change, audit chain and successful tool calls, or — when `worker` no longer holds its lease —
    /// nothing of it. One commit for a batch is what lets a worker keep up with thousands of exceptions a second.
    /// - Returns: the ids of the jobs whose lease was lost (nothing of theirs was committed).
    /// - Throws: when the transaction fails; then nothing of any job was committed.
    func finish(_ jobs: [FinishedJob], worker: String) async throws -> Set<Int64>
    /// Records a version of an approval request; `bundle` (the pack bundle of its exception) is kept from the
    /// version that names it. A second pending version of a request is ignored (a retried job asks again); a
    /// second decision is refused with `StoreError` code `conflict`.
    func append(_ request: ApprovalRequest, bundle: String?) async throws
    /// The pack bundle recorded with an approval request, or nil.
    func approvalBundle(requestID: String, tenant: String) async throws -> String?
    /// Approval requests a worker recorded (with their pack bundle) whose resume job was never enqueued, in every
    /// tenant, at most `limit`: first the decided ones whose decider stopped before enqueueing, then the pending ones
    /// by deadline, earliest first (so requests not yet due never crowd a due one out of the limit). Each is its
    /// latest version. For ``expireOverdueApprovals(now:limit:)``.
    func approvalsAwaitingResume(limit: Int) async throws -> [AwaitingApproval]
    /// Verifies every audit chain of the tenant.
    func verifyAudit(tenant: String) async throws -> AuditLedgerReport
}

extension ExceptionWorkStore {
    /// Commits one job's results atomically and marks it succeeded.
    /// - Throws: `StoreError` with code `leaseLost` (and commits nothing) when `worker` no
    ///   longer holds the job.
    public func finish(_ job: ClaimedJob, worker: String, outcome: ExceptionOutcome, runID: String, audit: [AuditEntry],
                       memory: [MemoryRecord] = []) async throws {
        let lost = try await finish([FinishedJob(job: job, outcome: outcome, runID: runID, audit: audit, memory: memory)], worker: worker)
        if lost.contains(job.id) { throw StoreError(.leaseLost, "worker does not hold the lease of job \(job.id)") }
    }

    public func append(_ request: ApprovalRequest) async throws {
        try await append(request, bundle: nil)
    }

    /// Decides a pending approval request and queues the job that resumes its exception
    /// (``JobKind/approvalResume``): approved, the pipeline continues at Resolution; rejected, at Feedback.
    ///
    /// Deciding again the way the request was already decided only queues the resume job again — at most one
    /// exists per request (its dedupe key) — so a decision whose enqueue was lost can be repeated safely. With
    /// `requirePending`, a request decided before (either way) is refused instead: for callers that must tell
    /// the second of two decisions apart, like the server's decision route (409 `approval-decided`); the approval
    /// sweep queues the resume job of a decision whose enqueue was lost.
    /// - Returns: the decided request and the resume job's id.
    /// - Throws: ``AgentsError`` `notFound` for an unknown request, `invalidState` when it was decided the
    ///   other way (or at all, with `requirePending`) or carries no pack bundle; `StoreError` `conflict` when
    ///   another decision was recorded at the same time.
    public func decideApproval(tenantID: String, requestID: String, approve: Bool, by user: String,
                               comment: String? = nil, requirePending: Bool = false) async throws -> (request: ApprovalRequest, jobID: Int64) {
        let queue = ApprovalQueue(store: self)
        let status: ApprovalRequest.Status = approve ? .approved : .rejected
        guard var request = try await queue.request(tenantID: tenantID, requestID: requestID) else {
            throw AgentsError(.notFound, "no approval request \(requestID) for tenant \(tenantID)")
        }
        if requirePending, request.status != .pending {
            throw AgentsError(.invalidState, "approval request \(requestID) is already \(request.status.rawValue)")
        }
        if request.status != status {
            request = approve ? try await queue.approve(tenantID: tenantID, requestID: requestID, by: user, comment: comment)
                              : try await queue.reject(tenantID: tenantID, requestID: requestID, by: user, comment: comment)
        }
        guard let bundle = try await approvalBundle(requestID: requestID, tenant: tenantID) else {
            throw AgentsError(.invalidState, "approval request \(requestID) was not recorded by a worker: no pack bundle to resume it with")
        }
        return (request, try await enqueueResume(tenantID: tenantID, requestID: requestID, bundle: bundle))
    }

    /// Expires every pending approval request whose deadline has passed and enqueues its resume job: the exception
    /// goes on as its pipeline does for an expired request (escalated, through Feedback). Also enqueues the resume job
    /// of a request someone decided but stopped before enqueueing it. Workers call it periodically; any number may at
    /// once — a request is expired once (the store refuses a second decision) and resumed once (dedupe key
    /// `resume:<id>`). A request whose pack bundle is no longer in the store is left alone.
    /// - Returns: the requests expired by this call.
    @discardableResult
    public func expireOverdueApprovals(now: Int64 = StoreClock.nowMicroseconds(), limit: Int = 500) async throws -> [ApprovalRequest] {
        var expired: [ApprovalRequest] = []
        for awaiting in try await approvalsAwaitingResume(limit: limit) {
            var request = awaiting.request
            if request.status == .pending {
                guard request.deadlineMicroseconds <= now else { continue }
                request = request.expired(at: now)
                do {
                    try await append(request, bundle: nil)
                } catch let error as StoreError where error.code == .conflict {
                    continue
                }
                expired.append(request)
            } else if try await packBundle(id: awaiting.bundle, tenant: request.tenantID) == nil {
                continue
            }
            _ = try await enqueueResume(tenantID: request.tenantID, requestID: request.id, bundle: awaiting.bundle)
        }
        return expired
    }

    /// Enqueues the job that resumes a decided request (deduplicated per request); returns its id.
    private func enqueueResume(tenantID: String, requestID: String, bundle: String) async throws -> Int64 {
        let payload = try StoreJSON.encode(ApprovalResumePayload(bundle: bundle, approvalRequestID: requestID))
        let ids = try await enqueue([NewJob(tenantID: tenantID, kind: JobKind.approvalResume, payload: Array(payload),
                                            dedupeKey: "resume:\(requestID)")])
        return ids[0]
    }
}

extension PackBundle {
    /// The content id stores use for a bundle: SHA-256 of its canonical JSON.
    public func contentID() throws -> String {
        SHA256.hex(Array(try StoreJSON.encode(self)))
    }
}
