/// A stage of the exception pipeline. The raw values are the stage names the run result and the audit
/// carry (`"stage": "TRIAGE"`), a stable part of the JSON contract.
///
/// `approval` is not a stage that runs: it is where an exception waits for a human (the audit records the
/// request and, on ``ExceptionPipeline/resume(approvalRequestID:runID:)``, the decision).
public enum Stage: String, Sendable, Codable, Hashable, CaseIterable {
    case intake = "INTAKE"
    case triage = "TRIAGE"
    case policy = "POLICY"
    /// Reviews Policy's conclusion and, when Resolution ran, Resolution's.
    case supervisor = "SUPERVISOR"
    case resolution = "RESOLUTION"
    case feedback = "FEEDBACK"
    case approval = "APPROVAL"
}
