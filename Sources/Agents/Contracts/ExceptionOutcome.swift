import Packs

/// Everything the pipeline concluded about one exception: the record, each stage's decision, the policy
/// outcome, the executed (or proposed) plan and the feedback. Its JSON is part of the run result contract.
public struct ExceptionOutcome: Sendable, Codable, Hashable {
    public var exception: ExceptionRecord
    /// Decisions in stage order.
    public var decisions: [StageDecision]
    public var actionability: Actionability?
    public var playbookID: String?
    /// Why a human must approve, when one must.
    public var approvalReasons: [String]
    public var approvalRequestID: String?
    public var plan: ResolutionPlan?
    /// For actionable exceptions with no approved playbook: what a human might approve.
    public var draftPlaybook: DraftPlaybook?
    public var feedback: FeedbackReport?
    /// Triage's confidence, carried for the Supervisor.
    public var confidence: Double

    public init(exception: ExceptionRecord) {
        self.exception = exception
        self.decisions = []
        self.approvalReasons = []
        self.confidence = 1
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case exception, decisions, actionability, playbookID = "playbookId", approvalReasons, approvalRequestID = "approvalRequestId", plan, draftPlaybook, feedback, confidence
    }
}

/// One stage's decision.
public struct StageDecision: Sendable, Codable, Hashable {
    public var stage: Stage
    public var decision: AgentDecision

    public init(stage: Stage, decision: AgentDecision) {
        self.stage = stage
        self.decision = decision
    }
}

/// A playbook resolved for one exception: concrete arguments and per-step status.
public struct ResolutionPlan: Sendable, Codable, Hashable {
    public var playbookID: String
    public var steps: [PlannedStep]
    /// True when tools were validated but not called.
    public var dryRun: Bool

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case playbookID = "playbookId", steps, dryRun
    }
}

/// One step of a plan.
public struct PlannedStep: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        case success = "SUCCESS"
        case failed = "FAILED"
        case skipped = "SKIPPED"
        case needsApproval = "NEEDS_APPROVAL"
    }

    public var stepID: String
    public var tool: String
    public var arguments: PackValue
    public var status: Status
    public var note: String?
    public var outcome: ToolCallOutcome?
    /// True for a compensating call made because a later step failed.
    public var isRollback: Bool

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case stepID = "stepId", tool, arguments, status, note, outcome, isRollback
    }
}

/// A suggested playbook for a human to review; never executed.
public struct DraftPlaybook: Sendable, Codable, Hashable {
    public var exceptionType: String
    /// Unapproved playbooks of the domain that handle this type.
    public var candidatePlaybooks: [String]
    /// Tools (allow-listed ones first) that those playbooks would use.
    public var suggestedTools: [String]
    public var rationale: String
}

/// What the Feedback stage learnt. Policy suggestions are for humans; nothing here is applied.
public struct FeedbackReport: Sendable, Codable, Hashable {
    public var outcome: String
    public var learningArtifacts: [String]
    public var policySuggestions: [String]
}

/// The result of one pipeline run.
public struct RunResult: Sendable, Codable, Hashable {
    public var tenantID: String
    public var runID: String
    public var results: [ExceptionOutcome]

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case tenantID = "tenantId", runID = "runId", results
    }
}
