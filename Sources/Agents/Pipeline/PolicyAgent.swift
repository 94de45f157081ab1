import Packs

/// Policy: actionability (approved process, non-approved process, information only), playbook selection
/// among approved playbooks only, and every reason a human must approve or the case must escalate.
struct PolicyAgent: PipelineStage {
    let policy: PolicyContext
    var stage: Stage { .policy }
    var suspends: Bool { false }

    struct Verdict: Sendable {
        var approvalReasons: [String] = []
        var escalationReasons: [String] = []
    }

    /// Leaves its verdict in the context for the Supervisor, which always reviews it.
    func run(_ outcome: inout ExceptionOutcome, in context: inout StageContext) -> Transition {
        context.verdict = assess(&outcome, now: context.timestamp)
        return .next(.supervisor)
    }

    private func assess(_ outcome: inout ExceptionOutcome, now: String) -> Verdict {
        let record = outcome.exception
        let severity = record.severity ?? .medium
        let context = record.normalizedContext
        let profile = policy.types[record.exceptionType] ?? PolicyContext.TypeProfile(
            ExceptionTypeDefinition(name: record.exceptionType, description: "", defaultSeverity: .medium), rules: policy.rules)
        let candidates = profile.playbooks
        var verdict = Verdict()
        let actionability = profile.actionability
        if let playbook = profile.approvedPlaybook {
            outcome.playbookID = playbook.id
            verdict.approvalReasons = profile.fixedApprovalReasons(at: severity)
            if let reason = thresholdReason(context) { verdict.approvalReasons.append(reason) }
        }
        for finding in policy.rules.guardrailFindings(for: context, severity: severity) {
            switch finding.kind {
            case .condition:
                outcome.exception.detectedRules.append("guardrail:\(finding.guardrailID)")
                switch finding.effect {
                case .requireApproval: verdict.approvalReasons.append("guardrail \(finding.guardrailID) requires approval")
                case .block, .escalate: verdict.escalationReasons.append("guardrail \(finding.guardrailID) (\(finding.effect.rawValue)) matched")
                }
            case .blockedValue, .valueNotAllowed:
                verdict.escalationReasons.append(finding.message)
            case .approvalThreshold, .noAutoActionSeverity:
                break
            }
        }
        outcome.actionability = actionability
        outcome.approvalReasons = verdict.approvalReasons
        outcome.exception.suggestedActions = outcome.playbookID.map { [$0] } ?? candidates.map(\.id)
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: .policy, timestamp: now, summary: actionability.rawValue))
        outcome.decisions.append(StageDecision(stage: .policy, decision: AgentDecision(
            decision: AgentDecision.Conclusion(actionability), confidence: outcome.confidence,
            evidence: [profile.policyEvidence] + verdict.approvalReasons + verdict.escalationReasons, nextStep: .supervisor)))
        return verdict
    }

    /// The approval threshold's reason, when the exception's field reaches it.
    private func thresholdReason(_ context: PackValue) -> String? {
        guard let threshold = policy.approvalThreshold, let path = policy.approvalThresholdPath,
            let value = context[segments: path]?.numberValue, value >= threshold.value
        else { return nil }
        return "\(threshold.field) \(value.plainNumber) is at or above the approval threshold \(threshold.value.plainNumber)"
    }
}

extension Double {
    var plainNumber: String { PackValue.number(self).plainText }
}
