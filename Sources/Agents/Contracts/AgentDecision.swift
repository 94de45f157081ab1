/// What one agent concluded about an exception, with how sure it is and why.
public struct AgentDecision: Sendable, Codable, Hashable {
    /// The conclusion, e.g. `SEVERITY_HIGH`, `ACTIONABLE_APPROVED_PROCESS`, `EXECUTED`, `ESCALATE`.
    public var decision: String
    /// 0...1.
    public var confidence: Double
    /// Facts behind the decision: matched rules, similar past cases, guardrails, tool outcomes.
    public var evidence: [String]
    /// The stage that should run next, or `END`.
    public var nextStep: String

    public init(decision: String, confidence: Double, evidence: [String], nextStep: String) {
        self.decision = decision
        self.confidence = min(1, max(0, confidence))
        self.evidence = evidence
        self.nextStep = nextStep
    }
}
