/// What a stage tells the pipeline's driver to do next. Stages decide; only the driver moves, so the
/// audit's `nextStep` is always the transition that actually happened.
enum Transition: Sendable, Hashable {
    /// Run this stage next.
    case next(Stage)
    /// Stop until a human decides; ``ExceptionPipeline/resume(approvalRequestID:runID:)`` continues at
    /// Resolution (approved) or Feedback (rejected, expired).
    case awaitApproval(reasons: [String])
    /// Escalate with this reason as evidence: the driver marks the exception `ESCALATED`, records an
    /// `ESCALATE` decision and goes to Feedback (or ends, when Intake or Feedback itself failed). The driver
    /// takes this transition for a stage that throws, overruns its budget or is cancelled.
    case escalate(reason: String)
    /// Nothing more to do.
    case end

    /// The `nextStep` a decision records for this transition.
    var nextStep: AgentDecision.NextStep {
        switch self {
        case .next(let stage): AgentDecision.NextStep(stage)
        case .awaitApproval: .approval
        case .escalate, .end: .end
        }
    }
}
