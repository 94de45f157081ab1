import Packs

/// Feedback: records the outcome, remembers the case for future triage, and suggests policy changes for
/// humans. Suggestions are never applied.
struct FeedbackAgent: PipelineStage {
    let policy: PolicyContext
    let memory: TenantMemory?
    var stage: Stage { .feedback }
    var suspends: Bool { memory != nil }

    /// First closes a non-actionable exception that nothing escalated as `INFORMATIONAL`.
    @inline(__always)
    func run(_ outcome: inout ExceptionOutcome, in context: inout StageContext) async throws -> Transition {
        let now = context.timestamp
        if outcome.actionability == .nonActionableInfoOnly && outcome.exception.resolutionStatus == .inProgress {
            outcome.exception.resolutionStatus = .informational
        }
        let record = outcome.exception
        var artifacts: [String] = []
        var suggestions: [String] = []
        if let memory {
            try await memory.remember(MemoryEntry(
                id: record.exceptionID, tenantID: record.tenantID, text: MemoryText.of(record), exceptionType: record.exceptionType,
                severity: record.severity?.rawValue, domain: policy.domain.domainName,
                outcome: record.resolutionStatus.rawValue + (outcome.playbookID.map { " via \($0)" } ?? "")))
            artifacts.append("remembered \(record.exceptionID) for similar-case search")
        }
        switch record.resolutionStatus {
        case .needsHumanAction:
            if let draft = outcome.draftPlaybook, let first = draft.candidatePlaybooks.first {
                suggestions.append("consider approving playbook \(first) for \(record.exceptionType) (suggestion only, not applied)")
            }
        case .failed, .escalated:
            let failedTools = outcome.plan?.steps.filter { $0.status == .failed }.map(\.tool) ?? []
            if !failedTools.isEmpty { suggestions.append("review the reliability of \(Set(failedTools).sorted().joined(separator: ", "))") }
        case .resolved:
            artifacts.append("playbook \(outcome.playbookID ?? "-") resolved \(record.exceptionType) automatically")
        default:
            break
        }
        let summary = "\(record.resolutionStatus.rawValue) (\(outcome.actionability?.rawValue ?? "UNCLASSIFIED"))"
        outcome.feedback = FeedbackReport(outcome: summary, learningArtifacts: artifacts, policySuggestions: suggestions)
        outcome.exception.auditTrail.append(AuditTrailEntry(stage: .feedback, timestamp: now, summary: summary))
        outcome.decisions.append(StageDecision(stage: .feedback, decision: AgentDecision(
            decision: .recorded, confidence: outcome.confidence, evidence: artifacts + suggestions, nextStep: .end)))
        return .end
    }
}
