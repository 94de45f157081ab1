/// A durable work queue with leases: at-least-once delivery to workers, with retries, backoff and dead
/// letters — the pattern of River, Oban and graphile-worker.
///
/// A worker ``claim(worker:limit:lease:)``s jobs; each claim leases the job to that worker until the lease
/// expires. The worker extends the lease with ``heartbeat(_:worker:lease:)`` while it works, then calls
/// ``complete(_:worker:)`` or ``fail(_:worker:error:retryAfter:)``. When a worker dies, its lease expires and
/// the next claim takes the job over (counting a new attempt); a job past its last allowed attempt is
/// dead-lettered instead. Calls by a worker that no longer holds the lease throw
/// `StoreError.Code.leaseLost` — so a stalled worker cannot complete a job another worker took over.
///
/// Delivery is at least once; effects become exactly once when the handler records idempotency keys in the
/// same transaction as the outcome (see docs/storage.md). ``InMemoryJobQueue`` ships here; `TracewiseSQLite`
/// (one process) and `TracewisePostgres` (many processes, `FOR UPDATE SKIP LOCKED`) provide durable ones.
///
/// ```swift
/// let queue = InMemoryJobQueue()
/// _ = try await queue.enqueue([NewJob(tenantId: "acme", kind: JobKind.exception, payload: json)])
/// for job in try await queue.claim(worker: "w1", limit: 10, lease: .seconds(30)) {
///     try await queue.complete(job.id, worker: "w1")
/// }
/// ```
public protocol JobQueue: Sendable {
    /// Adds jobs atomically; returns their ids in order. A job whose tenant already has a job with the same
    /// dedupe key is not added again: its id is the existing job's.
    func enqueue(_ jobs: [NewJob]) async throws -> [Int64]
    /// Leases up to `limit` claimable jobs (queued and due, or running with an expired lease), oldest first.
    func claim(worker: String, limit: Int, lease: Duration) async throws -> [ClaimedJob]
    /// Extends the lease to now + `lease`.
    /// - Throws: `StoreError` with `StoreError.Code.leaseLost` when `worker` no longer holds the job.
    func heartbeat(_ id: Int64, worker: String, lease: Duration) async throws
    /// Marks the job succeeded.
    /// - Throws: `StoreError` with `StoreError.Code.leaseLost` when `worker` no longer holds the job.
    func complete(_ id: Int64, worker: String) async throws
    /// Records a failed attempt: the job is queued again after `retryAfter`, or dead-lettered when it has used
    /// its last attempt.
    /// - Throws: `StoreError` with `StoreError.Code.leaseLost` when `worker` no longer holds the job.
    func fail(_ id: Int64, worker: String, error: String, retryAfter: Duration) async throws -> JobFailureDisposition
    /// How many jobs are in each state.
    func counts() async throws -> JobCounts
    /// Whether any job is queued (due or waiting for its retry time) or running: what a worker that exits when idle
    /// asks after an empty claim. Durable queues answer from their queued and running jobs alone; ``counts()`` also
    /// counts every job that ever finished.
    func hasUnfinishedJobs() async throws -> Bool
    /// Jobs in `state`, oldest first, at most `limit`.
    func jobs(in state: JobState, limit: Int) async throws -> [JobRecord]
    /// Queues a dead-lettered job again with a fresh attempt budget; false when it is not dead-lettered.
    func retryDeadLettered(_ id: Int64) async throws -> Bool
}

extension JobQueue {
    public func hasUnfinishedJobs() async throws -> Bool {
        let counts = try await counts()
        return counts.queued + counts.running > 0
    }
}
