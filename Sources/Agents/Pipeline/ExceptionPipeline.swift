import EventLog
import Explain
import Logging
import Packs

/// The governed exception pipeline: Intake → Triage → Policy → Supervisor → Resolution → Supervisor →
/// Feedback, for many exceptions in parallel (bounded), with a budget per stage, hooks, a hash-chained audit
/// record of every stage, approvals and metrics.
///
/// The pipeline is a state machine: each ``Stage`` runs, changes the outcome and returns the transition to
/// take (the next stage, wait for approval, escalate, end); one driver loop applies the hooks, the budget
/// (`PipelineOptions.stageTimeout`, enforced by cancellation), the audit record and the metrics to every
/// stage alike, and records in each decision's `nextStep` the transition that actually happened.
/// An exception waiting for approval stops before Resolution (``resume(approvalRequestID:runID:)`` starts the
/// loop again at Resolution once approved); a non-actionable one skips Resolution; a stage that throws,
/// overruns or is cancelled escalates the exception with the error as evidence and goes to Feedback.
///
/// ```swift
/// let pipeline = try await ExceptionPipeline(domain: financePack, tenant: acmePack,
///                                            audit: try JSONLAuditSink(fileURL: auditURL))
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
    private let clock: @Sendable () -> Int64
    /// Cuts off stages that can suspend when they overrun `options.stageTimeout`.
    private let deadlines: StageDeadlines
    private let intake: IntakeAgent
    private let triage: TriageAgent
    private let policyStage: PolicyAgent
    private let supervisor: SupervisorAgent
    private let resolution: ResolutionAgent
    private let feedback: FeedbackAgent

    /// Compiles the packs' policy and registers the domain's tools; throws when the packs do not fit together.
    /// - Parameters:
    ///   - domain: the domain pack: exception types, rules, tools, playbooks.
    ///   - tenant: the tenant policy pack applied on top of `domain`.
    ///   - options: dry run or execution, concurrency, stage budgets, payload limits.
    ///   - audit: where every stage's decision is recorded, hash-chained.
    ///   - engine: executes tools; the pipeline registers the domain's tools under the tenant's namespace.
    ///   - memory: similar-case memory; nil disables it.
    ///   - llm: advisory explanations; nil keeps the pipeline purely rule-based.
    ///   - approvals: the queue holding exceptions that wait for a person.
    ///   - metrics: per-tenant counters and latencies, also reported through swift-metrics.
    ///   - hooks: callbacks around every stage, for hosts that trace, meter or stream progress.
    ///   - logger: where stage failures and escalations are logged.
    ///   - clock: the wall clock stamping records, UTC microseconds since 1970 (fix it for reproducible output);
    ///     stage budgets and times to resolve are measured on `ContinuousClock`, whatever this returns.
    public init(domain: DomainPack, tenant: TenantPolicyPack, options: PipelineOptions = PipelineOptions(),
                audit: any AuditSink = InMemoryAuditSink(), engine: ToolExecutionEngine = ToolExecutionEngine(),
                approvals: ApprovalQueue = ApprovalQueue(store: InMemoryApprovalStore()),
                memory: TenantMemory? = TenantMemory(), llm: SafeLLMClient? = nil, metrics: PipelineMetrics = PipelineMetrics(),
                hooks: PipelineHooks = PipelineHooks(), logger: Logger = Logger(label: "tracewise.agents"),
                clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) async throws {
        let policy = try PolicyContext(domain: domain, tenant: tenant)
        self.policy = policy
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
        deadlines = StageDeadlines(budget: options.stageTimeout)
        intake = IntakeAgent(policy: policy, limits: options.payloadLimits)
        triage = TriageAgent(policy: policy, memory: memory, llm: llm, similarCases: options.similarCases)
        policyStage = PolicyAgent(policy: policy)
        supervisor = SupervisorAgent(policy: policy)
        resolution = ResolutionAgent(policy: policy, engine: engine, executeTools: options.executeTools, metrics: metrics)
        feedback = FeedbackAgent(policy: policy, memory: memory)
        for binding in ToolBindings.make(policy) { await engine.register(binding) }
    }

    /// Runs every raw exception; results come back in input order.
    ///
    /// `options.concurrency` worker tasks each take the next small chunk of consecutive exceptions until none
    /// is left, so a large batch does not pay for one task per exception, each worker keeps its timestamp
    /// and summary caches warm, and each exception still runs its stages in order. When one worker suffices
    /// (one exception, or `concurrency` 1) it runs in the calling task: a queue worker runs one exception per
    /// call, and a child task for it cost a task and two thread hops.
    public func run(_ rawExceptions: [PackValue], runID: String) async -> RunResult {
        if rawExceptions.count == 1 || options.concurrency == 1 {
            let run = RunContext(runID: runID)
            var results: [ExceptionOutcome] = []
            results.reserveCapacity(rawExceptions.count)
            for (index, raw) in rawExceptions.enumerated() { results.append(await process(raw, index: index, run: run)) }
            return RunResult(tenantID: policy.tenant.tenantID, runID: runID, results: results)
        }
        let chunkSize = max(1, min(32, rawExceptions.count / (options.concurrency * 8)))
        let queue = ChunkQueue(count: rawExceptions.count, chunkSize: chunkSize)
        let slots = OutcomeSlots(count: rawExceptions.count)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(options.concurrency, queue.chunkCount) {
                group.addTask {
                    let run = RunContext(runID: runID)
                    while let chunk = queue.next() {
                        for index in chunk { slots.store(await process(rawExceptions[index], index: index, run: run), at: index) }
                    }
                }
            }
        }
        return RunResult(tenantID: policy.tenant.tenantID, runID: runID, results: slots.takeAll())
    }

    /// Continues an exception whose approval request was decided: approved, the loop starts again at
    /// Resolution (steps that require approval now run); rejected or expired, it goes to Feedback as
    /// `REJECTED` or `ESCALATED`. The human's decision is recorded as an `APPROVAL` decision and audit record.
    public func resume(approvalRequestID: String, runID: String) async throws -> ExceptionOutcome {
        let started = ContinuousClock.now
        let tenantID = policy.tenant.tenantID
        let run = RunContext(runID: runID)
        guard let request = try await approvals.request(tenantID: tenantID, requestID: approvalRequestID) else {
            throw AgentsError(.notFound, "no approval request \(approvalRequestID) for tenant \(tenantID)")
        }
        guard var outcome = request.context else {
            throw AgentsError(.invalidState, "approval request \(approvalRequestID) carries no exception to resume")
        }
        guard outcome.exception.tenantID == tenantID else {
            throw AgentsError(.invalidState, "approval request \(approvalRequestID) belongs to another tenant")
        }
        var context = StageContext(runID: runID, timestamp: run.timestamp(clock()), started: started)
        let first: Stage
        let conclusion: AgentDecision.Conclusion
        switch request.status {
        case .pending:
            throw AgentsError(.invalidState, "approval request \(approvalRequestID) is still pending")
        case .rejected:
            (first, conclusion) = (.feedback, .rejected)
            outcome.exception.resolutionStatus = .rejected
        case .expired:
            (first, conclusion) = (.feedback, .expired)
            outcome.exception.resolutionStatus = .escalated
        case .approved:
            (first, conclusion) = (.resolution, .approved)
            outcome.approvalRequestID = request.id
            context.approved = true
        }
        let evidence = "\(request.status.rawValue) by \(request.decidedBy ?? "unknown")" + (request.comment.map { ": \($0)" } ?? "")
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: .approval, timestamp: context.timestamp, summary: evidence))
        outcome.decisions.append(StageDecision(stage: .approval, decision: AgentDecision(
            decision: conclusion, confidence: outcome.confidence, evidence: [evidence], nextStep: AgentDecision.NextStep(first))))
        try await audit.record(AuditEntry(timestamp: context.timestamp, runID: runID, tenantID: tenantID,
                                          exceptionID: outcome.exception.exceptionID, stage: Stage.approval.rawValue,
                                          output: ["approvalRequestId": .string(request.id), "status": .string(request.status.rawValue)],
                                          decision: outcome.decisions.last?.decision))
        await drive(&outcome, from: first, context: &context, run: run)
        recordMetrics(outcome, timeToResolve: started.duration(to: context.lastInstant))
        return outcome
    }

    /// This tenant's metrics, with the age of its oldest pending approval request from the approval queue.
    public func metricsSummary() async throws -> MetricsSummary {
        let tenantID = policy.tenant.tenantID
        return metrics.summary(tenantID: tenantID, approvalQueueAge: try await approvals.oldestPendingAge(tenantID: tenantID))
    }

    private func process(_ raw: PackValue, index: Int, run: RunContext) async -> ExceptionOutcome {
        let started = ContinuousClock.now
        var context = StageContext(runID: run.runID, timestamp: "", raw: raw, index: index, started: started)
        var outcome = Self.blank
        await drive(&outcome, from: .intake, context: &context, run: run)
        recordMetrics(outcome, timeToResolve: started.duration(to: context.lastInstant))
        return outcome
    }

    /// What an exception is before Intake accepts it; Intake replaces it, and a rejection replaces it with
    /// ``IntakeAgent/provisionalOutcome(_:index:runID:tenantID:now:)`` (built only then).
    private static let blank = ExceptionOutcome(exception: ExceptionRecord(
        exceptionID: "", tenantID: "", sourceSystem: "", exceptionType: "", timestamp: "", rawPayload: .null, normalizedContext: .null))

    /// The state machine: runs stages from `first` until one ends the exception or hands it to a human.
    private func drive(_ outcome: inout ExceptionOutcome, from first: Stage, context: inout StageContext, run: RunContext) async {
        var stage = first
        while true {
            switch await step(stage, &outcome, context: &context, run: run) {
            case .next(let next):
                stage = next
            case .awaitApproval(let reasons):
                await requestApproval(&outcome, reasons: reasons, context: context, run: run)
                return
            case .escalate, .end:
                return
            }
        }
    }

    /// Runs one stage with hooks, its budget and an audit record. A stage that throws, overruns or is
    /// cancelled — or returns `.escalate` — escalates the exception. Returns the transition the loop takes.
    /// Inlined into ``drive(_:from:context:run:)``, its only caller, so a stage costs no async frame of its own.
    @inline(__always)
    private func step(_ stage: Stage, _ outcome: inout ExceptionOutcome, context: inout StageContext,
                      run: RunContext) async -> Transition {
        context.timestamp = run.timestamp(clock())
        guard !Task.isCancelled else {
            return await escalate(&outcome, at: stage, reason: String(describing: CancellationError()), context: context)
        }
        if stage != .intake { await hooks.beforeStage?(stage, outcome.exception) }
        logger.debug("stage", metadata: ["exception": .string(outcome.exception.exceptionID), "stage": .string(stage.rawValue)])
        var transition: Transition
        do {
            switch stage {
            case .intake: transition = try await budgeted(intake, &outcome, &context)
            case .triage: transition = try await budgeted(triage, &outcome, &context)
            case .policy: transition = try await budgeted(policyStage, &outcome, &context)
            case .supervisor: transition = try await budgeted(supervisor, &outcome, &context)
            case .resolution: transition = try await budgeted(resolution, &outcome, &context)
            case .feedback: transition = try await budgeted(feedback, &outcome, &context)
            case .approval: throw AgentsError(.invalidState, "APPROVAL is decided by a human, not run")
            }
            if stage == .intake { await hooks.beforeStage?(stage, outcome.exception) }
            if case .escalate = transition {} else {
                if let last = outcome.decisions.indices.last, outcome.decisions[last].stage == stage {
                    outcome.decisions[last].decision.nextStep = transition.nextStep
                }
                try await audit.record(AuditEntry(timestamp: context.timestamp, runID: run.runID, tenantID: policy.tenant.tenantID,
                                                  exceptionID: outcome.exception.exceptionID, stage: stage.rawValue,
                                                  input: stage == .intake ? Optional(context.raw) : nil,
                                                  output: run.summary(of: outcome), decision: outcome.decisions.last?.decision))
            }
        } catch {
            context.lastInstant = .now
            if stage == .intake {
                outcome = IntakeAgent.provisionalOutcome(context.raw, index: context.index, runID: run.runID,
                                                         tenantID: policy.tenant.tenantID, now: context.timestamp)
            }
            await hooks.onFailure?(stage, error, outcome.exception)
            transition = .escalate(reason: String(describing: error))
        }
        if case .escalate(let reason) = transition {
            return await escalate(&outcome, at: stage, reason: reason, context: context)
        }
        if stage == .resolution, let report = context.resolution {
            for call in report.toolCalls {
                try? await audit.record(AuditEntry(timestamp: run.timestamp(clock()), runID: run.runID, tenantID: policy.tenant.tenantID,
                                                   exceptionID: outcome.exception.exceptionID, stage: Stage.resolution.rawValue, toolCall: call))
            }
        }
        await hooks.afterStage?(stage, outcome)
        return transition
    }

    /// Runs a stage within `options.stageTimeout`. One that cannot suspend cannot be interrupted; it runs in
    /// place and its time is checked after (from the end of the previous stage's run, one clock reading per
    /// stage). One that can suspend races its budget (``raced(_:_:_:)``).
    @inline(__always)
    private func budgeted<S: PipelineStage>(_ stage: S, _ outcome: inout ExceptionOutcome,
                                            _ context: inout StageContext) async throws -> Transition {
        guard stage.suspends else {
            let transition = try await stage.run(&outcome, in: &context)
            let ended = ContinuousClock.now
            let elapsed = context.lastInstant.duration(to: ended)
            context.lastInstant = ended
            guard elapsed <= options.stageTimeout else {
                throw AgentsError(.stageTimeout, "stage \(stage.stage.rawValue) took \(elapsed), over its budget of \(options.stageTimeout)")
            }
            return transition
        }
        return try await raced(stage, &outcome, &context)
    }

    /// Runs a stage that can suspend as a task of its own on a copy of the outcome and context, watched by the
    /// pipeline's ``StageDeadlines``: when the budget runs out first the task is cancelled, this waits for it to
    /// stop, and its copy is dropped, so none of its effects are applied. Cancelling the caller cancels the stage.
    private func raced<S: PipelineStage>(_ stage: S, _ outcome: inout ExceptionOutcome,
                                         _ context: inout StageContext) async throws -> Transition {
        let input = outcome
        let inputContext = context
        let task = Task {
            var outcome = input
            var context = inputContext
            let transition = try await stage.run(&outcome, in: &context)
            return FinishedStage(outcome: outcome, context: context, transition: transition)
        }
        let ticket = deadlines.watch(task)
        let result = await withTaskCancellationHandler { await task.result } onCancel: { task.cancel() }
        guard !deadlines.release(ticket) else {
            throw AgentsError(.stageTimeout, "stage \(stage.stage.rawValue) overran its budget of \(deadlines.budget) and was cancelled")
        }
        let finished = try result.get()
        outcome = finished.outcome
        context = finished.context
        context.lastInstant = .now
        return finished.transition
    }

    private func requestApproval(_ outcome: inout ExceptionOutcome, reasons: [String], context: StageContext, run: RunContext) async {
        let now = clock()
        let id = "approval-\(outcome.exception.exceptionID)"
        outcome.exception.resolutionStatus = .pendingApproval
        outcome.approvalRequestID = id
        outcome.approvalReasons = reasons
        let request = ApprovalRequest(id: id, tenantID: policy.tenant.tenantID, exceptionID: outcome.exception.exceptionID,
                                      playbookID: outcome.playbookID, reason: reasons.joined(separator: "; "),
                                      requestedAtMicroseconds: now, deadlineMicroseconds: now + options.approvalTimeout.wholeMicroseconds,
                                      context: outcome)
        do {
            try await approvals.submit(request)
            try await audit.record(AuditEntry(timestamp: run.timestamp(now), runID: run.runID, tenantID: policy.tenant.tenantID,
                                              exceptionID: outcome.exception.exceptionID, stage: Stage.approval.rawValue,
                                              output: ["approvalRequestId": .string(id), "reasons": .array(reasons.map(PackValue.string))]))
        } catch {
            var context = context
            context.timestamp = run.timestamp(now)
            _ = await escalate(&outcome, at: .approval, reason: String(describing: error), context: context)
        }
    }

    /// Marks the exception escalated with `reason` as evidence, audits it, and says where it goes: to
    /// Feedback, unless Intake, Feedback or an approval request failed or the run was cancelled (then it ends).
    private func escalate(_ outcome: inout ExceptionOutcome, at stage: Stage, reason: String, context: StageContext) async -> Transition {
        let next: Transition = [.intake, .feedback, .approval].contains(stage) || Task.isCancelled ? .end : .next(.feedback)
        logger.warning("exception escalated", metadata: [
            "tenant": .string(policy.tenant.tenantID), "exception": .string(outcome.exception.exceptionID),
            "stage": .string(stage.rawValue), "error": .string(reason),
        ])
        outcome.exception.resolutionStatus = .escalated
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: stage, timestamp: context.timestamp, summary: "escalated: \(reason)"))
        outcome.decisions.append(StageDecision(stage: stage, decision: AgentDecision(
            decision: .escalate, confidence: outcome.confidence, evidence: ["\(stage.rawValue) failed: \(reason)"], nextStep: next.nextStep)))
        try? await audit.record(AuditEntry(timestamp: context.timestamp, runID: context.runID, tenantID: policy.tenant.tenantID,
                                           exceptionID: outcome.exception.exceptionID, stage: stage.rawValue,
                                           output: ["error": .string(reason)],
                                           decision: outcome.decisions.last?.decision))
        return next
    }

    private func recordMetrics(_ outcome: ExceptionOutcome, timeToResolve: Duration) {
        metrics.recordOutcome(tenantID: policy.tenant.tenantID, actionability: outcome.actionability,
                              status: outcome.exception.resolutionStatus, playbookID: outcome.playbookID,
                              timeToResolve: timeToResolve)
    }
}

/// A stage that finished within its budget, with what it changed.
private struct FinishedStage: Sendable {
    var outcome: ExceptionOutcome
    var context: StageContext
    var transition: Transition
}
