import EventLog
import Foundation
import Packs

/// Takes exception jobs from a durable queue and runs each through the governed pipeline of its pack
/// bundle, committing outcome, audit chain, tool-call ledger and completion in one transaction
/// (``ExceptionWorkStore/finish(_:worker:outcome:runID:audit:memory:)``).
///
/// Any number of workers, in any number of processes, may share one store: the queue's leases give each job
/// to one worker at a time; a worker that dies loses its leases and another worker retries its jobs. A retry
/// first loads the exception's recorded tool calls, so a tool call that succeeded and was committed is not
/// made again; one whose commit was lost is repeated with the same idempotency key, for the tool to
/// deduplicate.
///
/// ```swift
/// let worker = ExceptionWorker(store: store, workerId: "host-1.pid-42", concurrency: 4)
/// let report = try await worker.run(exitWhenIdle: true)
/// print(report.completed)
/// ```
public struct ExceptionWorker: Sendable {
    /// What a worker did before it stopped.
    public struct Report: Sendable, Codable, Hashable {
        public var completed = 0
        public var retried = 0
        public var deadLettered = 0
        public var leasesLost = 0
    }

    public let store: any ExceptionWorkStore
    public let workerID: String
    public let concurrency: Int
    /// Jobs each of the `concurrency` loops claims at once and commits in one transaction.
    public let batchSize: Int
    public let lease: Duration
    /// Backoff between attempts of a failing job (its ceiling, without jitter).
    public let retry: RetryPolicy
    public let executeTools: Bool
    /// The similar-case memory every pipeline of this worker shares. With a ``MemoryStore`` and
    /// ``MemoryWrites/deferred`` writes, what a job remembers commits with its outcome in `finish`, and all workers
    /// on the store share one memory.
    public let memory: TenantMemory
    /// How often the worker expires overdue approval requests (``ExceptionWorkStore/expireOverdueApprovals(now:limit:)``);
    /// nil: never. It also does once when it starts.
    public let approvalSweep: Duration?
    /// UTC microseconds now, against which approval deadlines are checked.
    public let clock: @Sendable () -> Int64
    private let pipelines: PipelineCache

    /// Builds the pipeline of one pack bundle for a host that runs its pipelines its own way (a model, metrics, hooks):
    /// it must record every audit entry in `audit` (the worker commits them with the outcome) and ask for approvals
    /// through `approvals` (which records each request with the bundle's id, so a decision can queue its resumption).
    public typealias PipelineFactory = @Sendable (_ bundle: PackBundle, _ audit: RunAuditCollector,
                                                  _ approvals: ApprovalQueue) async throws -> ExceptionPipeline

    /// - Parameters:
    ///   - store: the queue, outcomes, ledger and audit chains the worker shares with every other worker.
    ///   - workerID: this worker's name on the leases it holds (unique per process).
    ///   - concurrency: loops claiming and working batches at once.
    ///   - batchSize: jobs a loop claims in one round trip and commits in one transaction; a crash loses (and
    ///     a retry redoes) at most one batch's uncommitted work per loop.
    ///   - lease: how long a claimed job stays this worker's without a heartbeat.
    ///   - retry: backoff between attempts of a failing job.
    ///   - executeTools: call the tools (false: dry runs, plans are validated and recorded).
    ///   - memory: the similar-case memory of every pipeline (for one shared by all workers:
    ///     `TenantMemory(store: store, writes: .deferred)` on a store that is a ``MemoryStore``).
    ///   - approvalSweep: how often to expire overdue approval requests (their exceptions resume as escalated); nil: never.
    ///   - clock: UTC microseconds now, for approval deadlines.
    ///   - makeEngine: a tool engine for each pack bundle's pipeline.
    ///   - makePipeline: builds each pack bundle's pipeline instead (then `executeTools`, `memory` and `makeEngine`
    ///     are the factory's business); nil: the worker builds them from the parameters above.
    public init(store: any ExceptionWorkStore, workerID: String, concurrency: Int = 4, batchSize: Int = 32, lease: Duration = .seconds(30),
                retry: RetryPolicy = RetryPolicy(maxRetries: 5, baseDelay: .seconds(1), maxDelay: .seconds(60)), executeTools: Bool = false,
                memory: TenantMemory = TenantMemory(), approvalSweep: Duration? = .seconds(10),
                clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds,
                makeEngine: @escaping @Sendable () -> ToolExecutionEngine = { ToolExecutionEngine() },
                makePipeline: PipelineFactory? = nil) {
        self.store = store
        self.workerID = workerID
        self.concurrency = max(1, concurrency)
        self.batchSize = max(1, batchSize)
        self.lease = lease
        self.retry = retry
        self.executeTools = executeTools
        self.memory = memory
        self.approvalSweep = approvalSweep
        self.clock = clock
        self.pipelines = PipelineCache(store: store, executeTools: executeTools, memory: memory, makeEngine: makeEngine,
                                       makePipeline: makePipeline)
    }

    /// Works until cancelled or, with `exitWhenIdle`, until no job is queued or running. Overdue approval requests
    /// are expired when it starts (so their resume jobs are part of the work) and every `approvalSweep` after; a sweep
    /// that fails (the store unreachable) is tried again at the next one.
    public func run(exitWhenIdle: Bool, pollInterval: Duration = .milliseconds(100)) async throws -> Report {
        let sweeper: Task<Void, Never>?
        if let approvalSweep {
            try await store.expireOverdueApprovals(now: clock())
            sweeper = Task { [store, clock] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: approvalSweep)
                    if Task.isCancelled { return }
                    _ = try? await store.expireOverdueApprovals(now: clock())
                }
            }
        } else {
            sweeper = nil
        }
        defer { sweeper?.cancel() }
        return try await withThrowingTaskGroup(of: Report.self) { group in
            for slot in 0..<concurrency {
                group.addTask { try await loop(slot: slot, exitWhenIdle: exitWhenIdle, pollInterval: pollInterval) }
            }
            var total = Report()
            for try await report in group {
                total.completed += report.completed
                total.retried += report.retried
                total.deadLettered += report.deadLettered
                total.leasesLost += report.leasesLost
            }
            return total
        }
    }

    private func loop(slot: Int, exitWhenIdle: Bool, pollInterval: Duration) async throws -> Report {
        var report = Report()
        while !Task.isCancelled {
            let jobs = try await store.claim(worker: workerID, limit: batchSize, lease: lease)
            if jobs.isEmpty {
                if exitWhenIdle, try await !store.hasUnfinishedJobs() { return report }
                try await Task.sleep(for: pollInterval)
                continue
            }
            try await process(jobs, worker: workerID, report: &report)
        }
        return report
    }

    /// Works jobs a host claimed in its own job loop (one that runs other kinds too, like `tracewise-server`'s):
    /// each ``JobKind/exception`` or ``JobKind/approvalResume`` job through its bundle's pipeline, committed with
    /// ``ExceptionWorkStore/finish(_:worker:)`` or failed for a retry exactly as ``run(exitWhenIdle:pollInterval:)``
    /// does. The jobs must be leased to `worker`; their leases are extended by this worker's `lease` while they run.
    public func work(_ jobs: [ClaimedJob], worker: String) async throws -> Report {
        var report = Report()
        try await process(jobs, worker: worker, report: &report)
        return report
    }

    /// Works a claimed batch: each job through its pipeline, then one ``ExceptionWorkStore/finish(_:worker:)``
    /// for all that succeeded. A job that throws is failed (retried later) alone; when the batch's commit fails,
    /// its jobs are committed one by one, so one bad job cannot hold back the others.
    private func process(_ jobs: [ClaimedJob], worker workerID: String, report: inout Report) async throws {
        let heartbeat = Task { [store, lease] in
            while !Task.isCancelled {
                try await Task.sleep(for: lease / 3)
                for job in jobs { try? await store.heartbeat(job.id, worker: workerID, lease: lease) }
            }
        }
        defer { heartbeat.cancel() }
        var finished: [FinishedJob] = []
        finished.reserveCapacity(jobs.count)
        var batchPipelines: [String: PipelineCache.Entry] = [:]
        for job in jobs {
            do {
                let (outcome, runID, audit) = job.kind == JobKind.approvalResume
                    ? try await resume(job) : try await runException(job, pipelines: &batchPipelines)
                let remembered = await memory.takeUnsaved(tenantID: job.tenantID, entryID: outcome.exception.exceptionID)
                finished.append(FinishedJob(job: job, outcome: outcome, runID: runID, audit: audit, memory: remembered))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try await fail(job, worker: workerID, error: error, report: &report)
            }
        }
        guard !finished.isEmpty else { return }
        do {
            let lost = try await store.finish(finished, worker: workerID)
            report.completed += finished.count - lost.count
            report.leasesLost += lost.count
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            for item in finished {
                do {
                    try await store.finish(item.job, worker: workerID, outcome: item.outcome, runID: item.runID, audit: item.audit,
                                           memory: item.memory)
                    report.completed += 1
                } catch let error as StoreError where error.code == .leaseLost {
                    report.leasesLost += 1
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    try await fail(item.job, worker: workerID, error: error, report: &report)
                }
            }
        }
    }

    /// Records a failed attempt: retried after the backoff, or dead-lettered after its last attempt.
    private func fail(_ job: ClaimedJob, worker workerID: String, error: any Error, report: inout Report) async throws {
        do {
            switch try await store.fail(job.id, worker: workerID, error: String(describing: error),
                                        retryAfter: retry.delayCeiling(forRetry: job.attempt)) {
            case .retrying: report.retried += 1
            case .deadLettered: report.deadLettered += 1
            }
        } catch let error as StoreError where error.code == .leaseLost {
            report.leasesLost += 1
        }
    }
}

extension ExceptionWorker {
    /// Runs an ``JobKind/exception`` job's exception through its bundle's pipeline. The batch keeps the pipelines it
    /// used in `batchPipelines`, so its jobs ask the shared cache (an actor: two executor hops) once per bundle.
    private func runException(_ job: ClaimedJob, pipelines batchPipelines: inout [String: PipelineCache.Entry])
        async throws -> (ExceptionOutcome, String, [AuditEntry]) {
        let payload = try ExceptionJobPayload(queued: job.payload)
        let entry: PipelineCache.Entry
        if let used = batchPipelines[payload.bundle] {
            entry = used
        } else {
            entry = try await pipelines.pipeline(bundle: payload.bundle, tenant: job.tenantID)
            batchPipelines[payload.bundle] = entry
        }
        if job.attempt > 1, case .string(let exceptionID)? = payload.exception["exceptionId"] {
            await entry.pipeline.engine.remember(try await store.succeededToolCalls(exceptionID: exceptionID, tenant: job.tenantID))
        }
        let runID = Self.runID(of: job)
        let result = await entry.pipeline.run([payload.exception], runID: runID)
        let audit = entry.collector.take(runID: runID)
        guard let outcome = result.results.first else { throw AgentsError(.invalidState, "the pipeline returned no outcome") }
        return (outcome, runID, audit)
    }

    /// Continues an exception whose approval was decided (an ``JobKind/approvalResume`` job), on whichever
    /// worker claimed it: the request and the outcome it carries come from the store.
    private func resume(_ job: ClaimedJob) async throws -> (ExceptionOutcome, String, [AuditEntry]) {
        let payload = try JSONDecoder().decode(ApprovalResumePayload.self, from: Data(job.payload))
        let entry = try await pipelines.pipeline(bundle: payload.bundle, tenant: job.tenantID)
        guard let request = try await store.history(tenantID: job.tenantID, requestID: payload.approvalRequestID).last else {
            throw AgentsError(.invalidState, "approval request \(payload.approvalRequestID) is not in the store")
        }
        try await awaitPendingOutcome(exceptionID: request.exceptionID, tenant: job.tenantID)
        if job.attempt > 1 {
            await entry.pipeline.engine.remember(try await store.succeededToolCalls(exceptionID: request.exceptionID, tenant: job.tenantID))
        }
        let runID = Self.runID(of: job)
        do {
            let outcome = try await entry.pipeline.resume(approvalRequestID: payload.approvalRequestID, runID: runID)
            return (outcome, runID, entry.collector.take(runID: runID))
        } catch {
            _ = entry.collector.take(runID: runID)
            throw error
        }
    }

    /// Waits until the run that asked for the approval has stored the exception's PENDING_APPROVAL outcome. A decision
    /// can come while that run is still committing (the request is visible as soon as it is asked); resuming first
    /// would let the run's later commit overwrite the resumed outcome with the pending one. Polls for up to
    /// ``pendingOutcomeWait``, then fails the attempt so the job is retried with backoff.
    private func awaitPendingOutcome(exceptionID: String, tenant: String) async throws {
        let deadline = ContinuousClock.now + Self.pendingOutcomeWait
        while true {
            if let stored = try await store.outcome(exceptionID: exceptionID, tenant: tenant),
               stored.exception.resolutionStatus == .pendingApproval {
                return
            }
            guard ContinuousClock.now < deadline else {
                throw AgentsError(.invalidState, "exception \(exceptionID) has no stored PENDING_APPROVAL outcome yet: the run that asked for the approval has not committed")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// How long a resume waits for the asking run's commit before its attempt fails.
    static let pendingOutcomeWait: Duration = .seconds(30)

    private static func runID(of job: ClaimedJob) -> String { "job-\(job.id)-attempt-\(job.attempt)" }
}

/// One compiled pipeline per pack bundle, built on first use; its approval requests are recorded in the
/// store with the bundle's id, so a decision can queue their resumption.
private actor PipelineCache {
    struct Entry: Sendable {
        var pipeline: ExceptionPipeline
        var collector: RunAuditCollector
    }

    private let store: any ExceptionWorkStore
    private let executeTools: Bool
    private let memory: TenantMemory
    private let makeEngine: @Sendable () -> ToolExecutionEngine
    private let makePipeline: ExceptionWorker.PipelineFactory?
    private var entries: [String: Entry] = [:]

    init(store: any ExceptionWorkStore, executeTools: Bool, memory: TenantMemory, makeEngine: @escaping @Sendable () -> ToolExecutionEngine,
         makePipeline: ExceptionWorker.PipelineFactory?) {
        self.store = store
        self.executeTools = executeTools
        self.memory = memory
        self.makeEngine = makeEngine
        self.makePipeline = makePipeline
    }

    func pipeline(bundle id: String, tenant: String) async throws -> Entry {
        if let entry = entries[id] { return entry }
        guard let bundle = try await store.packBundle(id: id, tenant: tenant) else {
            throw AgentsError(.notFound, "pack bundle \(id) is not in the store for the job's tenant")
        }
        let collector = RunAuditCollector()
        let approvals = ApprovalQueue(store: BundleApprovalStore(store: store, bundle: id))
        let pipeline = if let makePipeline {
            try await makePipeline(bundle, collector, approvals)
        } else {
            try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant,
                                        options: PipelineOptions(executeTools: executeTools, concurrency: 1),
                                        audit: collector, engine: makeEngine(), approvals: approvals, memory: memory)
        }
        if let raced = entries[id] { return raced }
        let entry = Entry(pipeline: pipeline, collector: collector)
        entries[id] = entry
        return entry
    }
}
