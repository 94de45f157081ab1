import EventLog
import Explain
import Foundation
import Logging
import Packs

/// The governed exception pipeline: Intake → Triage → Policy → Supervisor → Resolution → Supervisor →
/// Feedback, for many exceptions in parallel (bounded), in a fixed stage order per exception, with a
/// timeout per stage, hooks, a hash-chained audit record of every stage, approvals and metrics.
///
/// Branching: an exception waiting for approval stops before Resolution (``resume(approvalRequestId:)``
/// continues it once approved); a non-actionable one skips Resolution; any stage failure or timeout
/// escalates it with the error as evidence.
///
/// ```swift
/// let pipeline = try ExceptionPipeline(domain: financePack, tenant: acmePack,
///                                      audit: try JSONLAuditSink(fileURL: auditURL))
/// let result = await pipeline.run(rawExceptions, runId: "run-1")
/// ```
public struct ExceptionPipeline: Sendable {
    public let policy: PolicyContext
    public let options: PipelineOptions
    public let audit: any AuditSink
    public let engine: ToolExecutionEngine
    public let approvals: ApprovalQueue
    public let memory: TenantMemory?
    public let llm: SafeLLMClient?
    public let metrics: PipelineMetrics
    public let hooks: PipelineHooks
    /// Where stage failures and escalations are logged; the library never bootstraps logging.
    public let logger: Logger
    private let clock: @Sendable () -> Double

    /// - Parameters:
    ///   - engine: executes tools; the pipeline registers the domain's tools under the tenant's namespace.
    ///   - memory: similar-case memory; nil disables it.
    ///   - llm: advisory explanations; nil keeps the pipeline purely rule-based.
    public init(domain: DomainPack, tenant: TenantPolicyPack, options: PipelineOptions = PipelineOptions(),
                audit: any AuditSink = InMemoryAuditSink(), engine: ToolExecutionEngine = ToolExecutionEngine(),
                approvals: ApprovalQueue = ApprovalQueue(store: InMemoryApprovalStore()),
                memory: TenantMemory? = TenantMemory(), llm: SafeLLMClient? = nil, metrics: PipelineMetrics = PipelineMetrics(),
                hooks: PipelineHooks = PipelineHooks(), logger: Logger = Logger(label: "tracewise.agents"),
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) async throws {
        policy = try PolicyContext(domain: domain, tenant: tenant)
        self.options = options
        self.audit = audit
        self.engine = engine
        self.approvals = approvals
        self.memory = memory
        self.llm = llm
        self.metrics = metrics
        self.hooks = hooks
        self.logger = logger
        self.clock = clock
        for binding in ToolBindings.make(policy) { await engine.register(binding) }
    }

    /// Runs every raw exception; results come back in input order.
    ///
    /// `options.concurrency` worker tasks each take the next small chunk of consecutive exceptions until none
    /// is left, so a large batch does not pay for one task per exception, each worker keeps its timestamp
    /// and summary caches warm, and each exception still runs its stages in order.
    public func run(_ rawExceptions: [PackValue], runId: String) async -> RunResult {
        let chunkSize = max(1, min(32, rawExceptions.count / (options.concurrency * 8)))
        let queue = ChunkQueue(count: rawExceptions.count, chunkSize: chunkSize)
        let slots = OutcomeSlots(count: rawExceptions.count)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(options.concurrency, queue.chunkCount) {
                group.addTask {
                    let run = RunContext(runId: runId)
                    while let chunk = queue.next() {
                        for index in chunk { slots.store(await process(rawExceptions[index], index: index, run: run), at: index) }
                    }
                }
            }
        }
        return RunResult(tenantId: policy.tenant.tenantId, runId: runId, results: slots.takeAll())
    }

    /// Continues an exception whose approval request was approved (from Resolution on), or closes it as
    /// rejected or escalated when the request was rejected or expired.
    public func resume(approvalRequestId: String, runId: String) async throws -> ExceptionOutcome {
        let tenantId = policy.tenant.tenantId
        let run = RunContext(runId: runId)
        guard let request = try await approvals.requests(tenantId: tenantId).first(where: { $0.id == approvalRequestId }) else {
            throw AgentsError(.notFound, "no approval request \(approvalRequestId) for tenant \(tenantId)")
        }
        guard var outcome = request.context else {
            throw AgentsError(.invalidState, "approval request \(approvalRequestId) carries no exception to resume")
        }
        guard outcome.exception.tenantId == tenantId else {
            throw AgentsError(.invalidState, "approval request \(approvalRequestId) belongs to another tenant")
        }
        switch request.status {
        case .pending:
            throw AgentsError(.invalidState, "approval request \(approvalRequestId) is still pending")
        case .rejected:
            outcome.exception.resolutionStatus = .rejected
            await stage(FeedbackAgent.stage, &outcome, run: run) { outcome, now in
                try await FeedbackAgent(policy: policy, memory: memory).run(&outcome, now: now)
            }
        case .expired:
            outcome.exception.resolutionStatus = .escalated
            await stage(FeedbackAgent.stage, &outcome, run: run) { outcome, now in
                try await FeedbackAgent(policy: policy, memory: memory).run(&outcome, now: now)
            }
        case .approved:
            outcome.approvalRequestId = request.id
            await resolveAndFinish(&outcome, approved: true, run: run)
        }
        recordMetrics(outcome)
        return outcome
    }

    private func process(_ raw: PackValue, index: Int, run: RunContext) async -> ExceptionOutcome {
        let started = clock()
        var current: ExceptionOutcome
        do {
            current = try await intake(raw, index: index, run: run)
        } catch {
            return await rejectedAtIntake(raw, index: index, run: run, error: error)
        }
        await stage(TriageAgent.stage, &current, run: run) { outcome, now in
            try await TriageAgent(policy: policy, memory: memory, llm: llm, similarCases: options.similarCases).run(&outcome, now: now)
        }
        guard current.exception.resolutionStatus != .escalated else {
            await finish(&current, run: run, started: started)
            return current
        }
        var verdict = PolicyAgent.Verdict()
        await stage(PolicyAgent.stage, &current, run: run) { outcome, now in
            verdict = PolicyAgent(policy: policy).run(&outcome, now: now)
        }
        await stage(SupervisorAgent.stage, &current, run: run) { outcome, now in
            SupervisorAgent(policy: policy).reviewPolicy(&outcome, verdict: &verdict, now: now)
        }
        if current.exception.resolutionStatus == .escalated {
            await finish(&current, run: run, started: started)
            return current
        }
        switch current.actionability {
        case .nonActionableInfoOnly?:
            current.exception.resolutionStatus = .informational
        case .actionableApprovedProcess? where !current.approvalReasons.isEmpty:
            await requestApproval(&current, reasons: current.approvalReasons, run: run)
            return current
        default:
            await resolveAndFinish(&current, approved: false, run: run)
            recordMetrics(current, secondsToResolve: clock() - started)
            return current
        }
        await finish(&current, run: run, started: started)
        return current
    }

    private func resolveAndFinish(_ outcome: inout ExceptionOutcome, approved: Bool, run: RunContext) async {
        var report = ResolutionAgent.Report()
        await stage(ResolutionAgent.stage, &outcome, run: run) { outcome, now in
            report = await ResolutionAgent(policy: policy, engine: engine, executeTools: options.executeTools, metrics: metrics)
                .run(&outcome, approved: approved, now: now)
        }
        for call in report.toolCalls {
            try? await audit.record(AuditEntry(timestamp: run.timestamp(clock()), runId: run.runId, tenantId: policy.tenant.tenantId,
                                               exceptionId: outcome.exception.exceptionId, stage: ResolutionAgent.stage, toolCall: call))
        }
        if outcome.exception.resolutionStatus == .pendingApproval, let step = report.stepApprovalNeeded {
            await requestApproval(&outcome, reasons: ["step \(step) requires approval"], run: run)
            return
        }
        if outcome.exception.resolutionStatus != .needsHumanAction || outcome.plan != nil {
            await stage(SupervisorAgent.stage, &outcome, run: run) { outcome, now in
                SupervisorAgent(policy: policy).reviewResolution(&outcome, report: report, now: now)
            }
        }
        await stage(FeedbackAgent.stage, &outcome, run: run) { outcome, now in
            try await FeedbackAgent(policy: policy, memory: memory).run(&outcome, now: now)
        }
    }

    private func finish(_ outcome: inout ExceptionOutcome, run: RunContext, started: Double) async {
        await stage(FeedbackAgent.stage, &outcome, run: run) { outcome, now in
            try await FeedbackAgent(policy: policy, memory: memory).run(&outcome, now: now)
        }
        recordMetrics(outcome, secondsToResolve: clock() - started)
    }

    private func requestApproval(_ outcome: inout ExceptionOutcome, reasons: [String], run: RunContext) async {
        let now = clock()
        let id = "approval-\(outcome.exception.exceptionId)"
        outcome.exception.resolutionStatus = .pendingApproval
        outcome.approvalRequestId = id
        outcome.approvalReasons = reasons
        let request = ApprovalRequest(id: id, tenantId: policy.tenant.tenantId, exceptionId: outcome.exception.exceptionId,
                                      playbookId: outcome.playbookId, reason: reasons.joined(separator: "; "),
                                      requestedAt: now, deadline: now + options.approvalTimeout, context: outcome)
        do {
            try await approvals.submit(request)
            try await audit.record(AuditEntry(timestamp: run.timestamp(now), runId: run.runId, tenantId: policy.tenant.tenantId,
                                              exceptionId: outcome.exception.exceptionId, stage: "APPROVAL",
                                              output: ["approvalRequestId": .string(id), "reasons": .array(reasons.map(PackValue.string))]))
        } catch {
            escalate(&outcome, stage: "APPROVAL", error: error, now: run.timestamp(now))
        }
        recordMetrics(outcome)
    }

    /// Runs one stage with hooks, a timeout and an audit record; a failure escalates the exception.
    ///
    /// The body changes the outcome in place (copying it per stage was a fifth of the pipeline's time), so
    /// every body makes its changes only after its last call that can throw: a failed stage leaves the
    /// outcome as it was. A stage that finishes after its timeout keeps what it did and is escalated on top.
    private func stage(_ name: String, _ outcome: inout ExceptionOutcome, run: RunContext,
                       _ body: (inout ExceptionOutcome, String) async throws -> Void) async {
        let startedAt = clock()
        let now = run.timestamp(startedAt)
        if Task.isCancelled {
            escalate(&outcome, stage: name, error: CancellationError(), now: now)
            return
        }
        await hooks.beforeStage?(name, outcome.exception)
        logger.debug("stage", metadata: ["exception": .string(outcome.exception.exceptionId), "stage": .string(name)])
        do {
            try await body(&outcome, now)
            guard clock() - startedAt <= options.stageTimeout else {
                throw AgentsError(.stageTimeout, "stage \(name) took longer than \(options.stageTimeout) s")
            }
            try await audit.record(AuditEntry(timestamp: now, runId: run.runId, tenantId: policy.tenant.tenantId,
                                              exceptionId: outcome.exception.exceptionId, stage: name,
                                              output: run.summary(of: outcome), decision: outcome.decisions.last?.decision))
            await hooks.afterStage?(name, outcome)
        } catch {
            await hooks.onFailure?(name, error, outcome.exception)
            escalate(&outcome, stage: name, error: error, now: now)
            try? await audit.record(AuditEntry(timestamp: now, runId: run.runId, tenantId: policy.tenant.tenantId,
                                               exceptionId: outcome.exception.exceptionId, stage: name,
                                               output: ["error": .string(String(describing: error))],
                                               decision: outcome.decisions.last?.decision))
        }
    }

    private func intake(_ raw: PackValue, index: Int, run: RunContext) async throws -> ExceptionOutcome {
        let now = run.timestamp(clock())
        let outcome = try IntakeAgent(policy: policy, limits: options.payloadLimits).run(raw, index: index, runId: run.runId, now: now)
        await hooks.beforeStage?(IntakeAgent.stage, outcome.exception)
        try await audit.record(AuditEntry(timestamp: now, runId: run.runId, tenantId: policy.tenant.tenantId,
                                          exceptionId: outcome.exception.exceptionId, stage: IntakeAgent.stage,
                                          input: raw, output: run.summary(of: outcome), decision: outcome.decisions.last?.decision))
        await hooks.afterStage?(IntakeAgent.stage, outcome)
        return outcome
    }

    private func rejectedAtIntake(_ raw: PackValue, index: Int, run: RunContext, error: any Error) async -> ExceptionOutcome {
        let now = run.timestamp(clock())
        let id = raw["exceptionId"]?.stringValue ?? "\(run.runId)-\(index + 1)"
        let type = (raw["exceptionType"] ?? raw["type"])?.stringValue ?? "UNKNOWN"
        var outcome = ExceptionOutcome(exception: ExceptionRecord(
            exceptionId: id, tenantId: policy.tenant.tenantId, sourceSystem: raw["sourceSystem"]?.stringValue ?? "unknown",
            exceptionType: String(type.prefix(120)), timestamp: now, rawPayload: .null, normalizedContext: .null))
        outcome.confidence = 0
        await hooks.onFailure?(IntakeAgent.stage, error, outcome.exception)
        escalate(&outcome, stage: IntakeAgent.stage, error: error, now: now)
        try? await audit.record(AuditEntry(timestamp: now, runId: run.runId, tenantId: policy.tenant.tenantId, exceptionId: id,
                                           stage: IntakeAgent.stage, output: ["error": .string(String(describing: error))],
                                           decision: outcome.decisions.last?.decision))
        recordMetrics(outcome)
        return outcome
    }

    private func escalate(_ outcome: inout ExceptionOutcome, stage: String, error: any Error, now: String) {
        logger.warning("exception escalated", metadata: [
            "tenant": .string(policy.tenant.tenantId), "exception": .string(outcome.exception.exceptionId),
            "stage": .string(stage), "error": .string(String(describing: error)),
        ])
        outcome.exception.resolutionStatus = .escalated
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: stage, timestamp: now, summary: "escalated: \(error)"))
        outcome.decisions.append(StageDecision(stage: stage, decision: AgentDecision(
            decision: "ESCALATE", confidence: outcome.confidence, evidence: ["\(stage) failed: \(error)"], nextStep: "END")))
    }

    private func recordMetrics(_ outcome: ExceptionOutcome, secondsToResolve: Double? = nil) {
        metrics.recordOutcome(tenantId: policy.tenant.tenantId, actionability: outcome.actionability,
                                    status: outcome.exception.resolutionStatus, playbookId: outcome.playbookId,
                                    secondsToResolve: secondsToResolve)
    }
}
