/// Callbacks around each stage, for hosts that trace, meter or stream progress. They observe; they cannot
/// change decisions.
public struct PipelineHooks: Sendable {
    public var beforeStage: (@Sendable (_ stage: Stage, _ exception: ExceptionRecord) async -> Void)?
    public var afterStage: (@Sendable (_ stage: Stage, _ outcome: ExceptionOutcome) async -> Void)?
    public var onFailure: (@Sendable (_ stage: Stage, _ error: any Error, _ exception: ExceptionRecord?) async -> Void)?

    public init(beforeStage: (@Sendable (Stage, ExceptionRecord) async -> Void)? = nil,
                afterStage: (@Sendable (Stage, ExceptionOutcome) async -> Void)? = nil,
                onFailure: (@Sendable (Stage, any Error, ExceptionRecord?) async -> Void)? = nil) {
        self.beforeStage = beforeStage
        self.afterStage = afterStage
        self.onFailure = onFailure
    }
}
