import Packs

/// Policy: actionability (approved process, non-approved process, information only), playbook selection
/// among approved playbooks only, and every reason a human must approve or the case must escalate.
struct PolicyAgent: Sendable {
    static let stage = "POLICY"
    let policy: PolicyContext

    struct Verdict: Sendable {
        var approvalReasons: [String] = []
        var escalationReasons: [String] = []
    }

    func run(_ outcome: inout ExceptionOutcome, now: String) -> Verdict {
        let record = outcome.exception
        let severity = record.severity ?? .medium
        let context = record.normalizedContext
        let profile = policy.types[record.exceptionType]
        let candidates = profile?.playbooks ?? policy.playbooks(for: record.exceptionType)
        let approved = profile.map(\.approvedPlaybook) ?? candidates.first { policy.approvedPlaybooks.contains($0.id) }
        var verdict = Verdict()
        var evidence: [String] = []
        let actionability: Actionability
        if candidates.isEmpty {
            actionability = .nonActionableInfoOnly
            evidence.append("no playbook of domain \(policy.domain.domainName) handles \(record.exceptionType)")
        } else if let playbook = approved {
            actionability = .actionableApprovedProcess
            outcome.playbookId = playbook.id
            evidence.append("playbook \(playbook.id) handles \(record.exceptionType) and is approved for tenant \(policy.tenant.tenantId)")
            verdict.approvalReasons = approvalReasons(playbook: playbook, severity: severity, context: context)
        } else {
            actionability = .actionableNonApprovedProcess
            evidence.append("playbooks \(candidates.map(\.id).joined(separator: ", ")) handle \(record.exceptionType) but none is approved for tenant \(policy.tenant.tenantId)")
        }
        for finding in policy.rules.guardrailFindings(for: context, severity: severity) {
            switch finding.kind {
            case .condition:
                outcome.exception.detectedRules.append("guardrail:\(finding.guardrailId)")
                switch finding.effect {
                case .requireApproval: verdict.approvalReasons.append("guardrail \(finding.guardrailId) requires approval")
                case .block, .escalate: verdict.escalationReasons.append("guardrail \(finding.guardrailId) (\(finding.effect.rawValue)) matched")
                }
            case .blockedValue, .valueNotAllowed:
                verdict.escalationReasons.append(finding.message)
            case .approvalThreshold, .noAutoActionSeverity:
                break
            }
        }
        outcome.actionability = actionability
        outcome.approvalReasons = verdict.approvalReasons
        outcome.exception.suggestedActions = outcome.playbookId.map { [$0] } ?? candidates.map(\.id)
        let next = verdict.escalationReasons.isEmpty
            ? (actionability == .nonActionableInfoOnly ? FeedbackAgent.stage : ResolutionAgent.stage) : "ESCALATE"
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: Self.stage, timestamp: now, summary: actionability.rawValue))
        outcome.decisions.append(StageDecision(stage: Self.stage, decision: AgentDecision(
            decision: actionability.rawValue, confidence: outcome.confidence,
            evidence: evidence + verdict.approvalReasons + verdict.escalationReasons, nextStep: next)))
        return verdict
    }

    private func approvalReasons(playbook: Playbook, severity: Severity, context: PackValue) -> [String] {
        var reasons: [String] = []
        let rules = policy.tenant.requireHumanApprovalFor
        if playbook.approval.isRequired(for: severity) { reasons.append("playbook \(playbook.id) requires approval at \(severity.rawValue)") }
        if policy.noAutoActionSeverities.contains(severity) { reasons.append("no automatic action for \(severity.rawValue) severity") }
        if rules.playbooks.contains(playbook.id) { reasons.append("tenant requires approval for playbook \(playbook.id)") }
        if rules.exceptionTypes.contains(context["exceptionType"]?.stringValue ?? "") { reasons.append("tenant requires approval for this exception type") }
        if rules.severities.contains(severity) { reasons.append("tenant requires approval at \(severity.rawValue) severity") }
        for tool in policy.approvalTools[playbook.id] ?? [] {
            reasons.append("tenant requires approval for tool \(tool)")
        }
        if let threshold = policy.approvalThreshold, let path = policy.approvalThresholdPath, let value = context[segments: path]?.numberValue, value >= threshold.value {
            reasons.append("\(threshold.field) \(value.plainNumber) is at or above the approval threshold \(threshold.value.plainNumber)")
        }
        return reasons
    }
}

extension Double {
    var plainNumber: String { PackValue.number(self).plainText }
}
