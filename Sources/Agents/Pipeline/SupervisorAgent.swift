import Packs

/// Supervisor: checks the other agents after Policy and after Resolution. It can only escalate or require
/// approval — it never loosens anything.
struct SupervisorAgent: PipelineStage {
    let policy: PolicyContext
    var stage: Stage { .supervisor }
    var suspends: Bool { false }

    /// Reviews Resolution once it ran, Policy before that.
    func run(_ outcome: inout ExceptionOutcome, in context: inout StageContext) -> Transition {
        if let report = context.resolution {
            reviewResolution(&outcome, report: report, now: context.timestamp)
            return .next(.feedback)
        }
        reviewPolicy(&outcome, verdict: &context.verdict, now: context.timestamp)
        if outcome.exception.resolutionStatus == .escalated || outcome.actionability == .nonActionableInfoOnly {
            return .next(.feedback)
        }
        if outcome.actionability == .actionableApprovedProcess && !outcome.approvalReasons.isEmpty {
            return .awaitApproval(reasons: outcome.approvalReasons)
        }
        return .next(.resolution)
    }

    /// After Policy: consistency, low confidence with high severity, guardrail breaches.
    private func reviewPolicy(_ outcome: inout ExceptionOutcome, verdict: inout PolicyAgent.Verdict, now: String) {
        var findings: [String] = []
        let severity = outcome.exception.severity ?? .medium
        if let playbookID = outcome.playbookID {
            let handles = policy.playbooks[playbookID]?.exceptionTypes.contains(outcome.exception.exceptionType) ?? false
            if !policy.approvedPlaybooks.contains(playbookID) || !handles {
                verdict.escalationReasons.append("selected playbook \(playbookID) is not an approved playbook for this type")
            }
        }
        let threshold = policy.tenant.escalateIfConfidenceBelow
        if outcome.confidence < threshold {
            if severity >= .high {
                verdict.escalationReasons.append("confidence \(outcome.confidence.rounded3) below \(threshold) at \(severity.rawValue) severity")
            } else if outcome.actionability == .actionableApprovedProcess {
                verdict.approvalReasons.append("confidence \(outcome.confidence.rounded3) below \(threshold)")
            }
        }
        findings += verdict.escalationReasons
        outcome.approvalReasons = verdict.approvalReasons
        conclude(&outcome, escalate: !verdict.escalationReasons.isEmpty,
                 requireApproval: !verdict.approvalReasons.isEmpty && outcome.actionability == .actionableApprovedProcess,
                 findings: findings + verdict.approvalReasons, phase: .afterPolicy, now: now)
    }

    /// After Resolution: only allow-listed tools ran, and failures or refusals escalate.
    private func reviewResolution(_ outcome: inout ExceptionOutcome, report: ResolutionAgent.Report, now: String) {
        var findings: [String] = []
        for call in report.toolCalls where call.status != .refused && !policy.allowListedTools.contains(call.tool.tool) {
            findings.append("tool \(call.tool.tool) ran without being allow-listed")
        }
        findings += report.toolCalls.filter { $0.status == .refused }.map { "tool call refused: \($0.error ?? "")" }
        let status = outcome.exception.resolutionStatus
        if status == .failed { findings.append("plan execution failed") }
        if status == .escalated { findings += report.refusals }
        conclude(&outcome, escalate: !findings.isEmpty || status == .escalated, requireApproval: false,
                 findings: findings, phase: .afterResolution, now: now)
    }

    /// When the Supervisor reviews; its texts are literals, so no string is built per review.
    enum Phase {
        case afterPolicy, afterResolution

        var noFindings: String {
            switch self {
            case .afterPolicy: "no findings after policy"
            case .afterResolution: "no findings after resolution"
            }
        }
    }

    private func conclude(_ outcome: inout ExceptionOutcome, escalate: Bool, requireApproval: Bool, findings: [String],
                          phase: Phase, now: String) {
        let decision: AgentDecision.Conclusion
        let next: AgentDecision.NextStep
        let summary: String
        if escalate {
            outcome.exception.resolutionStatus = .escalated
            (decision, next) = (.escalate, .feedback)
            summary = phase == .afterPolicy ? "ESCALATE after policy" : "ESCALATE after resolution"
        } else if requireApproval {
            (decision, next) = (.requireApproval, .approval)
            summary = phase == .afterPolicy ? "REQUIRE_APPROVAL after policy" : "REQUIRE_APPROVAL after resolution"
        } else {
            let nonActionable = outcome.actionability == .nonActionableInfoOnly
            (decision, next) = (.consistent, phase == .afterPolicy && !nonActionable ? .resolution : .feedback)
            summary = phase == .afterPolicy ? "CONSISTENT after policy" : "CONSISTENT after resolution"
        }
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: .supervisor, timestamp: now, summary: summary))
        outcome.decisions.append(StageDecision(stage: .supervisor, decision: AgentDecision(
            decision: decision, confidence: outcome.confidence, evidence: findings.isEmpty ? [phase.noFindings] : findings,
            nextStep: next)))
    }
}

extension Double {
    var rounded3: Double { (self * 1000).rounded() / 1000 }
}
