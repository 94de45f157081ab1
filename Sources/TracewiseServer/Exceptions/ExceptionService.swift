import Agents
import Crypto
import EventLog
import Foundation
import Packs

/// The governed exception pipeline behind the API: accepted batches go onto the durable job queue (kind
/// ``ExceptionBatchJob/kind``, with the pack versions active at acceptance) and are run by the job workers of
/// whichever process claims them — a batch accepted before a restart runs after it. One pipeline per tenant and
/// pack pair, outcomes in the exception store, approvals in the approval store, stage progress for the SSE
/// stream, per-tenant pipeline metrics, and `Idempotency-Key` replays persisted with the results.
actor ExceptionService {
    struct Key: Hashable {
        var tenant: String
        var id: String
    }

    /// One stage of an exception, as the stream sends it (`id:` is ``sequence``).
    struct StageEvent: Codable, Sendable {
        var sequence: Int
        var stage: Stage
        var timestamp: String
        var summary: String
        var status: String
    }

    struct Accepted: Codable, Sendable {
        var exceptionID: String
        var domain: String

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case exceptionID = "exceptionId", domain
        }
    }

    /// What a decision led to: the exception resumed (its outcome stored), or its resume job still queued or running
    /// when the route stopped waiting.
    enum Decided: Sendable {
        case resumed(ApprovalRequest, ExceptionOutcome)
        case resuming(ApprovalRequest, jobID: Int64)
    }

    private struct PipelineKey: Hashable {
        var tenant: String
        var domain: String
        var domainVersion: SemanticVersion
        var policyVersion: SemanticVersion
    }

    private let stores: ServerStores
    let registry: PackRegistry
    let approvals: ApprovalQueue
    private var pipelines: [PipelineKey: ExceptionPipeline] = [:]
    private var metrics: [String: PipelineMetrics] = [:]
    private var live: [Key: ExceptionOutcome] = [:]
    /// Exceptions accepted by this process or run by its workers, not finished yet.
    private var inFlight: Set<Key> = []
    private var waiters: [Key: [CheckedContinuation<Void, Never>]] = [:]
    private let idempotency: IdempotencyRecords
    private let signal: JobSignal
    /// Runs `exception-resume` jobs with the workers' code, on pipelines built like this service's; made on first use.
    private var resumer: ExceptionWorker?

    /// The most exceptions accepted but not finished at once (503 `overloaded` with `Retry-After` beyond).
    private let maxInFlight: Int

    /// The language model each tenant's active policy selects for the advisory parts.
    private let models: TenantLanguageModels

    init(stores: ServerStores, registry: PackRegistry, models: TenantLanguageModels, signal: JobSignal, maxInFlight: Int) {
        self.stores = stores
        self.maxInFlight = maxInFlight
        self.registry = registry
        self.models = models
        self.signal = signal
        idempotency = IdempotencyRecords(results: stores.results)
        approvals = ApprovalQueue(store: stores.approvals)
    }

    // MARK: Submission

    /// Accepts raw exceptions onto the job queue, one job per domain, and returns their ids and domains at
    /// once. With an `Idempotency-Key`, exceptions without an `exceptionId` get ids derived from the key and
    /// the jobs are deduplicated by it, so a retried request never enqueues the batch twice.
    func submit(tenant: String, raw: [PackValue], domain: String?, idempotencyKey: String?) async throws -> [Accepted] {
        guard inFlight.count + raw.count <= maxInFlight else {
            throw ServerError(.serviceUnavailable, code: "overloaded",
                              "\(inFlight.count) exceptions are being processed; retry shortly", headers: [.retryAfter: "1"])
        }
        let grouped = try await assign(tenant: tenant, raw: raw, domain: domain, idempotencyKey: idempotencyKey)
        var accepted: [Accepted] = []
        var jobs: [NewJob] = []
        let packs = try await registry.tenant(tenant)
        for (domain, items) in grouped {
            guard let activation = try await packs.activation(domain: domain) else {
                throw ServerError(.conflict, code: "no-active-pack", "the tenant has no active pack for domain \(domain)")
            }
            let ids = items.map(\.id)
            let job = ExceptionBatchJob(tenant: tenant, domain: domain, domainVersion: activation.domainVersion,
                                        policyVersion: activation.policyVersion, exceptions: items.map(\.raw), ids: ids)
            jobs.append(NewJob(tenantID: tenant, kind: ExceptionBatchJob.kind, payload: Array(try JSONEncoder().encode(job)),
                               dedupeKey: idempotencyKey.map { "idempotency:\($0):\(domain)" }, maxAttempts: 3))
            accepted += ids.map { Accepted(exceptionID: $0, domain: domain) }
        }
        _ = try await stores.jobs.enqueue(jobs)
        for item in accepted { inFlight.insert(Key(tenant: tenant, id: item.exceptionID)) }
        await signal.signal()
        return accepted
    }

    /// Runs raw exceptions now and returns the run (`POST /run`).
    func run(tenant: String, raw: [PackValue], domain: String?) async throws -> [RunResult] {
        var runs: [RunResult] = []
        for (domain, items) in try await assign(tenant: tenant, raw: raw, domain: domain, idempotencyKey: nil) {
            let pipeline = try await activePipeline(tenant: tenant, domain: domain)
            let result = await pipeline.run(items.map(\.raw), runID: "run-" + AnalysisService.randomHex(4))
            for outcome in result.results { try await stores.exceptions.record(outcome, runID: result.runID) }
            runs.append(result)
        }
        return runs
    }

    // MARK: Worker

    /// Runs one claimed exception batch under the pack versions it was accepted with, records every outcome and
    /// completes the job; a failure before the outcomes are recorded leaves the job to be retried.
    func execute(_ job: ClaimedJob, worker: String) async {
        guard let batch = try? JSONDecoder().decode(ExceptionBatchJob.self, from: Data(job.payload)), batch.tenant == job.tenantID else {
            _ = try? await stores.jobs.fail(job.id, worker: worker, error: "unreadable exception batch", retryAfter: .seconds(3600))
            return
        }
        let keys = batch.ids.map { Key(tenant: batch.tenant, id: $0) }
        for key in keys { inFlight.insert(key) }
        defer {
            for key in keys {
                inFlight.remove(key)
                live[key] = nil
                notify(key)
            }
        }
        let heartbeat = Task { [jobs = stores.jobs] in
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(60))
                try await jobs.heartbeat(job.id, worker: worker, lease: .seconds(300))
            }
        }
        defer { heartbeat.cancel() }
        do {
            let pipeline = try await pipeline(tenant: batch.tenant, domain: batch.domain, domainVersion: batch.domainVersion,
                                              policyVersion: batch.policyVersion)
            let result = await pipeline.run(batch.exceptions, runID: "api-job-\(job.id)-\(job.attempt)")
            for outcome in result.results { try await stores.exceptions.record(outcome, runID: result.runID) }
            try await stores.jobs.complete(job.id, worker: worker)
        } catch {
            _ = try? await stores.jobs.fail(job.id, worker: worker, error: String(describing: error).prefix(300).description,
                                            retryAfter: .seconds(5))
        }
    }

    /// Gives each raw exception an id (its `exceptionId`, or a new one) and the domain whose active pack
    /// declares its type.
    private func assign(tenant: String, raw: [PackValue], domain: String?,
                        idempotencyKey: String?) async throws -> [(String, [(id: String, raw: PackValue)])] {
        guard !raw.isEmpty else { throw ServerError(.unprocessableContent, code: "no-exceptions", "the body holds no exception") }
        let packs = try await registry.tenant(tenant)
        var domainsByType: [String: String] = [:]
        var candidates = [String]()
        if let domain { candidates = [try Identifier.check(domain, "domain")] } else { candidates = try await packs.domains() }
        for name in candidates {
            guard let bundle = try await packs.activeBundle(domain: name) else { continue }
            for type in bundle.domain.exceptionTypes where domainsByType[type.name] == nil { domainsByType[type.name] = name }
        }
        guard !domainsByType.isEmpty else {
            throw ServerError(.conflict, code: "no-active-pack", "the tenant has no active pack\(domain.map { " for domain \($0)" } ?? "")")
        }
        var grouped: [String: [(id: String, raw: PackValue)]] = [:]
        var order: [String] = []
        for (index, item) in raw.enumerated() {
            guard case .object(var members) = item else {
                throw ServerError(.unprocessableContent, code: "invalid-exception", "exception #\(index + 1) is not a JSON object",
                                  errors: [.init(pointer: "/\(index)", message: "expected an object")])
            }
            let id: String
            if let given = members["exceptionId"] {
                guard case .string(let text) = given, Identifier.isValid(text) else {
                    throw ServerError(.unprocessableContent, code: "invalid-exception", "exception #\(index + 1) has an invalid exceptionId",
                                      errors: [.init(pointer: "/\(index)/exceptionId", message: "1-128 of A-Z a-z 0-9 . _ -")])
                }
                id = text
            } else {
                id = idempotencyKey.map { "exc-" + String(Self.hash(Array("\($0)#\(index)".utf8)).prefix(16)) } ?? "exc-" + AnalysisService.randomHex(8)
                members["exceptionId"] = .string(id)
            }
            let typeName: String? = switch members["exceptionType"] ?? members["type"] {
            case .string(let name)?: name
            default: nil
            }
            guard let typeName, let domain = domainsByType[typeName] else {
                throw ServerError(.unprocessableContent, code: "unknown-exception-type",
                                  "exception #\(index + 1) has no exceptionType that an active pack declares",
                                  errors: [.init(pointer: "/\(index)/exceptionType", message: "known types: \(domainsByType.keys.sorted().joined(separator: ", "))")])
            }
            if grouped[domain] == nil { order.append(domain) }
            grouped[domain, default: []].append((id, .object(members)))
        }
        return order.map { ($0, grouped[$0]!) }
    }

    /// The pipeline of the pair active for `domain` now.
    private func activePipeline(tenant: String, domain: String) async throws -> ExceptionPipeline {
        guard let activation = try await registry.tenant(tenant).activation(domain: domain) else {
            throw ServerError(.conflict, code: "no-active-pack", "the tenant has no active pack for domain \(domain)")
        }
        return try await pipeline(tenant: tenant, domain: domain, domainVersion: activation.domainVersion, policyVersion: activation.policyVersion)
    }

    /// The pipeline of one pack pair, built on first use.
    private func pipeline(tenant: String, domain: String, domainVersion: SemanticVersion,
                          policyVersion: SemanticVersion) async throws -> ExceptionPipeline {
        let key = PipelineKey(tenant: tenant, domain: domain, domainVersion: domainVersion, policyVersion: policyVersion)
        if let cached = pipelines[key] { return cached }
        let bundle = try await registry.tenant(tenant).bundle(domain: domain, domainVersion: domainVersion, policyVersion: policyVersion)
        // With a work store each request is recorded with its pack bundle, so its decision can be resumed by a job.
        let queue = if let work = stores.work {
            ApprovalQueue(store: BundleApprovalStore(store: work, bundle: try await work.savePackBundle(bundle)))
        } else {
            approvals
        }
        let pipeline = try await makePipeline(bundle: bundle, audit: try await stores.audit.sink(tenant: tenant), approvals: queue)
        if let raced = pipelines[key] { return raced }
        pipelines[key] = pipeline
        return pipeline
    }

    /// A pipeline of this service for `bundle`: the tenant's metrics, stage progress for the SSE stream and the
    /// model its policy selects.
    private func makePipeline(bundle: PackBundle, audit: any AuditSink, approvals: ApprovalQueue) async throws -> ExceptionPipeline {
        let tenant = bundle.tenant.tenantID
        let tenantMetrics = metrics[tenant] ?? PipelineMetrics()
        metrics[tenant] = tenantMetrics
        let hooks = PipelineHooks(afterStage: { [weak self] _, outcome in await self?.observe(outcome, tenant: tenant) })
        // The policy's model advises (explanation, evidence); it can never loosen a decision. Its client already
        // retries within the policy's deadline, so the safe client makes one attempt per call within that deadline.
        let llm = await models.model(for: bundle.tenant).map {
            SafeLLMClient(model: $0, maxAttempts: 1, timeout: .milliseconds(bundle.tenant.model.timeoutMs) * 3)
        }
        return try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant, audit: audit, approvals: approvals, llm: llm,
                                           metrics: tenantMetrics, hooks: hooks)
    }

    private func observe(_ outcome: ExceptionOutcome, tenant: String) {
        let key = Key(tenant: tenant, id: outcome.exception.exceptionID)
        live[key] = outcome
        notify(key)
    }

    private func notify(_ key: Key) {
        for waiter in waiters.removeValue(forKey: key) ?? [] { waiter.resume() }
    }

    // MARK: Reading

    /// The latest outcome (live while the pipeline runs), or nil when the tenant has no such exception.
    func outcome(tenant: String, id: String) async throws -> (outcome: ExceptionOutcome, running: Bool)? {
        let key = Key(tenant: tenant, id: id)
        if let live = live[key] { return (live, inFlight.contains(key)) }
        guard let stored = try await stores.exceptions.outcome(exceptionID: id, tenant: tenant) else { return nil }
        return (stored, inFlight.contains(key))
    }

    func isKnown(tenant: String, id: String) -> Bool { inFlight.contains(Key(tenant: tenant, id: id)) }

    /// The stage events after `sequence`, waiting up to `timeout` for one when there is none yet; `settled`
    /// when the exception is not being processed (the stream may end).
    func events(tenant: String, id: String, after sequence: Int, timeout: Duration) async throws -> (events: [StageEvent], settled: Bool)? {
        let key = Key(tenant: tenant, id: id)
        var current = try await outcome(tenant: tenant, id: id)
        if current == nil, !inFlight.contains(key) { return nil }
        if (current?.outcome.exception.auditTrail.count ?? 0) <= sequence, inFlight.contains(key) {
            await wait(key, timeout: timeout)
            current = try await outcome(tenant: tenant, id: id)
        }
        guard let current else { return ([], false) }
        let trail = current.outcome.exception.auditTrail
        let status = current.outcome.exception.resolutionStatus.rawValue
        let events = trail.enumerated().dropFirst(max(0, sequence)).map { index, entry in
            StageEvent(sequence: index + 1, stage: entry.stage, timestamp: entry.timestamp, summary: entry.summary, status: status)
        }
        return (events, !current.running)
    }

    private func wait(_ key: Key, timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.enqueueWaiter(key) }
            await group.next()
            group.cancelAll()
            notify(key)
        }
    }

    private func enqueueWaiter(_ key: Key) async {
        await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    func metricsSummary(tenant: String) async throws -> MetricsSummary {
        let age = try await approvals.oldestPendingAge(tenantID: tenant)
        return (metrics[tenant] ?? PipelineMetrics()).summary(tenantID: tenant, approvalQueueAge: age)
    }

    // MARK: Approvals

    /// Decides a pending approval and resumes (or closes) its exception.
    ///
    /// With a work store and a request recorded with its pack bundle, this is what `tracewise approvals decide` does
    /// (``ExceptionWorkStore/decideApproval(tenantID:requestID:approve:by:comment:requirePending:)``: the decision and
    /// an `exception-resume` job), then waits up to `wait` for a job worker — of any process — to store the resumed
    /// outcome. Otherwise (in-memory stores, or a request an earlier version recorded without its bundle) the
    /// exception is resumed here, in the request.
    func decide(tenant: String, approvalID: String, approve: Bool, user: String, comment: String?, wait: Duration) async throws -> Decided {
        guard let request = try await approvals.request(tenantID: tenant, requestID: approvalID) else {
            throw ServerError.notFound("approval \(approvalID)")
        }
        guard request.status == .pending else {
            throw ServerError(.conflict, code: "approval-decided", "the approval is already \(request.status.rawValue)")
        }
        if let work = stores.work, try await work.approvalBundle(requestID: approvalID, tenant: tenant) != nil {
            let decided = try await mappingDecisionConflicts {
                try await work.decideApproval(tenantID: tenant, requestID: approvalID, approve: approve, by: user, comment: comment,
                                              requirePending: true)
            }
            await signal.signal()
            return try await resumed(decided.request, jobID: decided.jobID, exceptionID: request.exceptionID, tenant: tenant, wait: wait)
        }
        guard let domain = request.context?.exception.normalizedContext.objectValue?["domain"]?.stringValue else {
            throw ServerError(.conflict, code: "invalid-state", "the approval carries no exception to resume")
        }
        let pipeline = try await activePipeline(tenant: tenant, domain: domain)
        let decided = try await mappingDecisionConflicts {
            approve ? try await approvals.approve(tenantID: tenant, requestID: approvalID, by: user, comment: comment)
                    : try await approvals.reject(tenantID: tenant, requestID: approvalID, by: user, comment: comment)
        }
        let key = Key(tenant: tenant, id: request.exceptionID)
        inFlight.insert(key)
        defer {
            inFlight.remove(key)
            live[key] = nil
            notify(key)
        }
        let runID = "decision-" + AnalysisService.randomHex(4)
        let outcome = try await pipeline.resume(approvalRequestID: approvalID, runID: runID)
        try await stores.exceptions.record(outcome, runID: runID)
        return .resumed(decided, outcome)
    }

    /// Runs a decision, answering 409 `approval-decided` when another process (or request) decided the request since
    /// it was read as pending: the database refused this decision.
    private func mappingDecisionConflicts<T: Sendable>(_ decide: () async throws -> T) async throws -> T {
        do {
            return try await decide()
        } catch let error as StoreError where error.code == .conflict {
            throw ServerError(.conflict, code: "approval-decided", "the approval was decided meanwhile")
        } catch let error as AgentsError where error.code == .invalidState {
            throw ServerError(.conflict, code: "approval-decided", error.message)
        }
    }

    /// Waits up to `wait` for the exception's resumed outcome in the store (written by whichever process ran the
    /// resume job); the job id when it is not there yet.
    private func resumed(_ request: ApprovalRequest, jobID: Int64, exceptionID: String, tenant: String, wait: Duration) async throws -> Decided {
        let deadline = ContinuousClock.now + wait
        while true {
            if let stored = try await stores.exceptions.outcome(exceptionID: exceptionID, tenant: tenant),
               stored.exception.resolutionStatus != .pendingApproval {
                return .resumed(request, stored)
            }
            guard ContinuousClock.now < deadline else { return .resuming(request, jobID: jobID) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Runs one claimed `exception-resume` job with ``ExceptionWorker``'s code (its outcome, status change and audit
    /// committed in one transaction; a failure retried with backoff). Its stages stream like any other's.
    /// - Throws: when the job's failure could not be recorded (the store unreachable); its lease then expires and
    ///   it is retried.
    func executeResume(_ job: ClaimedJob, worker: String) async throws {
        guard let resumer = resumeWorker() else {
            _ = try? await stores.jobs.fail(job.id, worker: worker, error: "this server has no work store to resume exceptions with",
                                            retryAfter: .seconds(60))
            return
        }
        var key: Key?
        if let payload = try? JSONDecoder().decode(ApprovalResumePayload.self, from: Data(job.payload)),
           let request = try? await approvals.request(tenantID: job.tenantID, requestID: payload.approvalRequestID) {
            key = Key(tenant: job.tenantID, id: request.exceptionID)
        }
        if let key { inFlight.insert(key) }
        defer {
            if let key {
                inFlight.remove(key)
                live[key] = nil
                notify(key)
            }
        }
        _ = try await resumer.work([job], worker: worker)
    }

    /// Expires overdue approval requests and queues the resume job of decisions whose job was lost (a process that
    /// stopped between recording a decision and queueing its job); their jobs are run by the job workers.
    func sweepApprovals() async throws {
        guard let work = stores.work else { return }
        try await work.expireOverdueApprovals()
        await signal.signal()
    }

    var hasWorkStore: Bool { stores.work != nil }

    private func resumeWorker() -> ExceptionWorker? {
        if let resumer { return resumer }
        guard let work = stores.work else { return nil }
        let worker = ExceptionWorker(store: work, workerID: "server-resume", concurrency: 1, batchSize: 1, lease: .seconds(300),
                                     approvalSweep: nil, makePipeline: { [weak self] bundle, collector, approvals in
            guard let self else { throw CancellationError() }
            return try await self.resumePipeline(bundle: bundle, collector: collector, approvals: approvals)
        })
        resumer = worker
        return worker
    }

    /// A resume job's pipeline: its stages are committed with the outcome (`collector`) and appended to the tenant's
    /// chain like every other stage of this service.
    private func resumePipeline(bundle: PackBundle, collector: RunAuditCollector, approvals: ApprovalQueue) async throws -> ExceptionPipeline {
        let tenantChain = try await stores.audit.sink(tenant: bundle.tenant.tenantID)
        return try await makePipeline(bundle: bundle, audit: TeeAuditSink(first: collector, second: tenantChain), approvals: approvals)
    }

    // MARK: Idempotency

    /// The stored response for `key` when the same body was sent with it before; throws when the key was used
    /// with another body.
    func replay(tenant: String, key: String, body: [UInt8]) async throws -> [UInt8]? {
        try await idempotency.replay(tenant: tenant, key: key, bodyHash: Self.hash(body))
    }

    func remember(tenant: String, key: String, body: [UInt8], response: [UInt8]) async throws {
        try await idempotency.remember(tenant: tenant, key: key, bodyHash: Self.hash(body), response: response)
    }

    private static func hash(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
