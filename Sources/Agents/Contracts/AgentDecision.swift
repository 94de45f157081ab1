import Packs

/// What one agent concluded about an exception, with how sure it is and why.
///
/// `decision` and `nextStep` are enums whose raw values are the JSON strings (`"SEVERITY_HIGH"`, `"END"`),
/// so the JSON contract is unchanged while Swift code matches cases instead of strings.
public struct AgentDecision: Sendable, Codable, Hashable {
    /// The conclusion, e.g. `.severityHigh`, `.actionableApprovedProcess`, `.executed`, `.escalate`.
    public var decision: Conclusion
    /// 0...1.
    public var confidence: Double
    /// Facts behind the decision: matched rules, similar past cases, guardrails, tool outcomes.
    public var evidence: [String]
    /// Where the exception went after this decision: the pipeline's driver records the transition that
    /// actually happened.
    public var nextStep: NextStep

    public init(decision: Conclusion, confidence: Double, evidence: [String], nextStep: NextStep) {
        self.decision = decision
        self.confidence = min(1, max(0, confidence))
        self.evidence = evidence
        self.nextStep = nextStep
    }

    /// Every conclusion a stage can reach; the raw value is the JSON text.
    public enum Conclusion: String, Sendable, Codable, Hashable, CaseIterable {
        /// Intake: the exception is well-formed and of a known type.
        case accepted = "ACCEPTED"
        /// Triage: the severity.
        case severityLow = "SEVERITY_LOW"
        case severityMedium = "SEVERITY_MEDIUM"
        case severityHigh = "SEVERITY_HIGH"
        case severityCritical = "SEVERITY_CRITICAL"
        /// Policy: the actionability class.
        case actionableApprovedProcess = "ACTIONABLE_APPROVED_PROCESS"
        case actionableNonApprovedProcess = "ACTIONABLE_NON_APPROVED_PROCESS"
        case nonActionableInfoOnly = "NON_ACTIONABLE_INFO_ONLY"
        /// Supervisor: the other agents agree with policy.
        case consistent = "CONSISTENT"
        /// Supervisor: a human must approve before Resolution.
        case requireApproval = "REQUIRE_APPROVAL"
        /// Supervisor, or the driver after a failure, overrun or cancellation.
        case escalate = "ESCALATE"
        /// Resolution.
        case executed = "EXECUTED"
        case executionFailed = "EXECUTION_FAILED"
        case plannedDryRun = "PLANNED_DRY_RUN"
        case needsApproval = "NEEDS_APPROVAL"
        case planRefused = "PLAN_REFUSED"
        case draftPlaybookSuggested = "DRAFT_PLAYBOOK_SUGGESTED"
        /// Feedback.
        case recorded = "RECORDED"
        /// A human's decision on an approval request, recorded when the pipeline resumes.
        case approved = "APPROVED"
        case rejected = "REJECTED"
        case expired = "EXPIRED"

        /// Triage's conclusion for a severity.
        public init(_ severity: Severity) {
            switch severity {
            case .low: self = .severityLow
            case .medium: self = .severityMedium
            case .high: self = .severityHigh
            case .critical: self = .severityCritical
            }
        }

        /// Policy's conclusion for an actionability class.
        public init(_ actionability: Actionability) {
            switch actionability {
            case .actionableApprovedProcess: self = .actionableApprovedProcess
            case .actionableNonApprovedProcess: self = .actionableNonApprovedProcess
            case .nonActionableInfoOnly: self = .nonActionableInfoOnly
            }
        }
    }

    /// Where an exception goes after a decision: a stage, a human (`APPROVAL`) or nowhere (`END`).
    /// `ESCALATE` only appears in records written before issue 12, when Policy named its intent here.
    public enum NextStep: String, Sendable, Codable, Hashable, CaseIterable {
        case intake = "INTAKE"
        case triage = "TRIAGE"
        case policy = "POLICY"
        case supervisor = "SUPERVISOR"
        case resolution = "RESOLUTION"
        case feedback = "FEEDBACK"
        case approval = "APPROVAL"
        case escalate = "ESCALATE"
        case end = "END"

        /// The next step that runs `stage`.
        public init(_ stage: Stage) {
            switch stage {
            case .intake: self = .intake
            case .triage: self = .triage
            case .policy: self = .policy
            case .supervisor: self = .supervisor
            case .resolution: self = .resolution
            case .feedback: self = .feedback
            case .approval: self = .approval
            }
        }
    }
}
