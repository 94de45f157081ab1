import Packs

/// Resolution: turns the selected playbook into a typed plan (arguments rendered from the exception),
/// checks every tool exists in the domain and is allow-listed for the tenant, and executes the steps only
/// when policy allows and no approval is pending. A failed step stops, continues or rolls back as the
/// playbook says. For actionable exceptions with no approved playbook it drafts one for a human instead.
struct ResolutionAgent: PipelineStage {
    static let dryRunNote = "dry run: validated, not executed"
    let policy: PolicyContext
    let engine: ToolExecutionEngine
    let executeTools: Bool
    let metrics: PipelineMetrics
    var stage: Stage { .resolution }
    /// A dry run calls no tool, so it cannot suspend.
    var suspends: Bool { executeTools }

    /// What Resolution needs to hear back: tool calls to audit and whether a human must approve a step.
    struct Report: Sendable {
        var toolCalls: [ToolCallOutcome] = []
        var stepApprovalNeeded: String?
        var refusals: [String] = []
    }

    /// Leaves its report in the context for the Supervisor and the audit. A step that needs approval
    /// stops here for a human; a draft for a human goes straight to Feedback; anything else is reviewed.
    @inline(__always)
    func run(_ outcome: inout ExceptionOutcome, in context: inout StageContext) async throws -> Transition {
        let report = try await resolve(&outcome, approved: context.approved, now: context.timestamp)
        context.resolution = report
        if outcome.exception.resolutionStatus == .pendingApproval, let step = report.stepApprovalNeeded {
            return .awaitApproval(reasons: ["step \(step) requires approval"])
        }
        if outcome.exception.resolutionStatus == .needsHumanAction && outcome.plan == nil {
            return .next(.feedback)
        }
        return .next(.supervisor)
    }

    @inline(__always)
    private func resolve(_ outcome: inout ExceptionOutcome, approved: Bool, now: String) async throws -> Report {
        guard outcome.actionability == .actionableApprovedProcess, let playbookID = outcome.playbookID,
              let playbook = policy.playbooks[playbookID] else {
            draft(&outcome, now: now)
            return Report()
        }
        var report = Report()
        var steps = plan(playbook, context: outcome.exception.normalizedContext, refusals: &report.refusals)
        if !report.refusals.isEmpty {
            for i in steps.indices { steps[i].status = .skipped }
            finish(&outcome, steps: steps, playbookID: playbookID, status: .escalated, now: now,
                   decision: .planRefused, evidence: report.refusals, next: .supervisor)
            return report
        }
        var succeeded: [Int] = []
        var failed = false
        var index = 0
        while index < steps.count {
            let step = playbook.steps[index]
            if step.requiresApproval && !approved {
                steps[index].status = .needsApproval
                steps[index].note = "step requires human approval"
                report.stepApprovalNeeded = step.id
                for j in (index + 1)..<steps.count { steps[j].status = .skipped }
                break
            }
            try Task.checkCancellation()
            guard executeTools else {
                steps[index].status = .skipped
                steps[index].note = Self.dryRunNote
                index += 1
                continue
            }
            let call = await engine.execute(toolName(step.tool), arguments: steps[index].arguments,
                                            allowList: policy.allowListedTools, dryRun: false,
                                            idempotencyKey: "\(outcome.exception.exceptionID):\(step.id)")
            report.toolCalls.append(call)
            metrics.recordToolCall(tenantID: policy.tenant.tenantID, outcome: call)
            steps[index].outcome = call
            if call.status == .success {
                steps[index].status = .success
                succeeded.append(index)
                index += 1
                continue
            }
            steps[index].status = .failed
            steps[index].note = call.error
            failed = true
            switch step.onFailure {
            case .continue:
                index += 1
                continue
            case .stop:
                break
            case .rollback:
                steps += await rollback(succeeded.map { playbook.steps[$0] }, plannedSteps: succeeded.map { steps[$0] },
                                        exceptionID: outcome.exception.exceptionID, report: &report)
            }
            for j in (index + 1)..<playbook.steps.count where steps[j].status != .failed { steps[j].status = .skipped }
            break
        }
        let status: ResolutionStatus
        let decision: AgentDecision.Conclusion
        if report.stepApprovalNeeded != nil {
            (status, decision) = (.pendingApproval, .needsApproval)
        } else if failed {
            (status, decision) = (.failed, .executionFailed)
        } else if executeTools {
            (status, decision) = (.resolved, .executed)
        } else {
            (status, decision) = (.open, .plannedDryRun)
        }
        let isPlainDryRun = !executeTools && report.stepApprovalNeeded == nil
        let evidence = (isPlainDryRun ? policy.dryRunEvidence[playbookID] : nil) ?? steps.map(Self.evidence)
        finish(&outcome, steps: steps, playbookID: playbookID, status: status, now: now, decision: decision,
               evidence: evidence, next: report.stepApprovalNeeded == nil ? .supervisor : .approval)
        return report
    }

    /// `reissue reissue_settlement: SKIPPED (dry run: validated, not executed)`.
    static func evidence(_ step: PlannedStep) -> String {
        "\(step.stepID) \(step.tool): \(step.status.rawValue)" + (step.note.map { " (\($0))" } ?? "")
    }

    private func plan(_ playbook: Playbook, context: PackValue, refusals: inout [String]) -> [PlannedStep] {
        let compiled = policy.compiledSteps[playbook.id] ?? []
        return playbook.steps.enumerated().map { index, step in
            let template = index < compiled.count ? compiled[index] : nil
            let missing = (template?.placeholders ?? []).filter { context[segments: $0.segments] == nil }.map(\.dotted)
            let arguments = template?.template.resolve(with: context) ?? ArgumentTemplate.resolve(.object(step.arguments), with: context)
            let tool = policy.tools[step.tool]
            if tool == nil {
                refusals.append("step \(step.id): tool \(step.tool) is not defined by the domain pack")
            } else if !policy.allowListedTools.contains(step.tool) {
                refusals.append("step \(step.id): tool \(step.tool) is not on tenant \(policy.tenant.tenantID)'s allow-list")
            }
            if !missing.isEmpty {
                refusals.append("step \(step.id): the exception lacks \(missing.joined(separator: ", ")) for the arguments")
            }
            if let spec = tool?.arguments {
                refusals += spec.violations(of: arguments).map { "step \(step.id): argument \($0)" }
            }
            refusals += policy.rules.guardrailFindings(forTool: step.tool, arguments: arguments.objectValue ?? [:])
                .map { "step \(step.id): \($0.message)" }
            return PlannedStep(stepID: step.id, tool: step.tool, arguments: arguments, status: .skipped, note: nil,
                               outcome: nil, isRollback: false)
        }
    }

    private func rollback(_ done: [PlaybookStep], plannedSteps: [PlannedStep], exceptionID: String,
                          report: inout Report) async -> [PlannedStep] {
        var compensations: [PlannedStep] = []
        for (step, planned) in zip(done, plannedSteps).reversed() {
            guard let rollbackTool = policy.tools[step.tool]?.rollbackTool else { continue }
            var compensation = PlannedStep(stepID: "\(step.id)-rollback", tool: rollbackTool, arguments: planned.arguments,
                                           status: .skipped, note: nil, outcome: nil, isRollback: true)
            let call = await engine.execute(toolName(rollbackTool), arguments: planned.arguments,
                                            allowList: policy.allowListedTools, dryRun: false,
                                            idempotencyKey: "\(exceptionID):\(step.id):rollback")
            report.toolCalls.append(call)
            metrics.recordToolCall(tenantID: policy.tenant.tenantID, outcome: call)
            compensation.outcome = call
            compensation.status = call.status == .success ? .success : .failed
            compensation.note = call.error
            compensations.append(compensation)
        }
        return compensations
    }

    private func draft(_ outcome: inout ExceptionOutcome, now: String) {
        guard outcome.actionability == .actionableNonApprovedProcess else { return }
        let candidates = policy.playbooks(for: outcome.exception.exceptionType)
        let tools = candidates.flatMap { $0.steps.map(\.tool) }
        var seen = Set<String>()
        let ordered = (tools.filter { policy.allowListedTools.contains($0) } + tools).filter { seen.insert($0).inserted }
        outcome.draftPlaybook = DraftPlaybook(
            exceptionType: outcome.exception.exceptionType, candidatePlaybooks: candidates.map(\.id), suggestedTools: ordered,
            rationale: "\(outcome.exception.exceptionType) is actionable but tenant \(policy.tenant.tenantID) has approved none of its playbooks; a human may approve one or act by hand")
        outcome.exception.resolutionStatus = .needsHumanAction
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: .resolution, timestamp: now, summary: "draft playbook suggested"))
        outcome.decisions.append(StageDecision(stage: .resolution, decision: AgentDecision(
            decision: .draftPlaybookSuggested, confidence: outcome.confidence,
            evidence: ["candidate playbooks: \(candidates.map(\.id).joined(separator: ", "))"], nextStep: .feedback)))
    }

    private func finish(_ outcome: inout ExceptionOutcome, steps: [PlannedStep], playbookID: String, status: ResolutionStatus,
                        now: String, decision: AgentDecision.Conclusion, evidence: [String], next: AgentDecision.NextStep) {
        outcome.plan = ResolutionPlan(playbookID: playbookID, steps: steps, dryRun: !executeTools)
        outcome.exception.resolutionStatus = status
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: .resolution, timestamp: now, summary: decision.rawValue))
        outcome.decisions.append(StageDecision(stage: .resolution, decision: AgentDecision(
            decision: decision, confidence: outcome.confidence, evidence: evidence, nextStep: next)))
    }

    private func toolName(_ tool: String) -> ToolName {
        ToolName(tenantID: policy.tenant.tenantID, domain: policy.domain.domainName, tool: tool)
    }
}
