import Packs

/// What a stage sees besides the outcome: the run, the stage's timestamp, and what earlier stages of the
/// same exception left for later ones (Policy's verdict for the Supervisor, Resolution's report for the
/// Supervisor and the audit, whether a human approved).
///
/// A value: a stage running against its budget works on a copy, and the copy is dropped when the stage is
/// cut off, so nothing a cancelled stage did is applied.
struct StageContext: Sendable {
    let runID: String
    /// The stage's start, ISO 8601 UTC with milliseconds.
    var timestamp: String
    /// The raw exception, for Intake.
    let raw: PackValue
    /// The exception's position in the run's input (for ids Intake assigns).
    let index: Int
    /// True when a human approved the plan (a resumed exception): Resolution runs steps that require approval.
    var approved = false
    /// Policy's reasons, which the Supervisor reviews.
    var verdict = PolicyAgent.Verdict()
    /// Set once Resolution ran: its tool calls and refusals, which the Supervisor reviews and the audit records.
    var resolution: ResolutionAgent.Report?
    /// When the previous stage's run ended (at first: when the exception started): the start of the next
    /// stage's budget, so each stage costs one clock reading.
    var lastInstant: ContinuousClock.Instant

    init(runID: String, timestamp: String, raw: PackValue = .null, index: Int = 0, started: ContinuousClock.Instant) {
        self.runID = runID
        self.lastInstant = started
        self.timestamp = timestamp
        self.raw = raw
        self.index = index
    }
}
