/// Callbacks around each stage, for hosts that trace, meter or stream progress. They observe; they cannot
/// change decisions.
public struct PipelineHooks: Sendable {
    public var beforeStage: (@Sendable (_ stage: String, _ exception: ExceptionRecord) async -> Void)?
    public var afterStage: (@Sendable (_ stage: String, _ outcome: ExceptionOutcome) async -> Void)?
    public var onFailure: (@Sendable (_ stage: String, _ error: any Error, _ exception: ExceptionRecord?) async -> Void)?

    public init(beforeStage: (@Sendable (String, ExceptionRecord) async -> Void)? = nil,
                afterStage: (@Sendable (String, ExceptionOutcome) async -> Void)? = nil,
                onFailure: (@Sendable (String, any Error, ExceptionRecord?) async -> Void)? = nil) {
        self.beforeStage = beforeStage
        self.afterStage = afterStage
        self.onFailure = onFailure
    }
}
