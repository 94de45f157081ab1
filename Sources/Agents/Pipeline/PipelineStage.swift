/// One stage of the exception pipeline: it reads and changes the outcome and says where to go next.
///
/// The driver (``ExceptionPipeline``) runs every stage alike: hooks before and after, a budget of
/// `PipelineOptions.stageTimeout`, one audit record, and a thrown error or an overrun turned into an
/// escalation. A stage therefore holds no control flow beyond its own decision.
protocol PipelineStage: Sendable {
    /// Which stage this is.
    var stage: Stage { get }
    /// Whether `run` can suspend (awaits memory, a model or a tool). Such a stage runs as a task of its own,
    /// cancelled when its budget runs out (``StageDeadlines``); one that cannot suspend cannot be
    /// interrupted either, so it runs inline and its time is checked when it returns.
    var suspends: Bool { get }
    func run(_ outcome: inout ExceptionOutcome, in context: inout StageContext) async throws -> Transition
}
