/// How a pipeline runs.
public struct PipelineOptions: Sendable, Hashable {
    /// Whether Resolution calls tools. Off by default: plans are validated and recorded, nothing is sent.
    public var executeTools: Bool
    /// How many exceptions are processed at once.
    public var concurrency: Int
    /// How long a stage may take. A stage that can suspend (memory, a model, tools) is cancelled when its
    /// budget runs out, nothing it did is kept, and the exception is escalated with the timeout as evidence;
    /// one that cannot suspend is checked when it returns.
    public var stageTimeout: Duration
    /// How long an approval request waits before it expires and escalates.
    public var approvalTimeout: Duration
    /// How many similar past cases Triage cites.
    public var similarCases: Int
    /// Limits on raw input, enforced by Intake.
    public var payloadLimits: PayloadLimits

    public init(executeTools: Bool = false, concurrency: Int = 8, stageTimeout: Duration = .seconds(10),
                approvalTimeout: Duration = .seconds(86_400), similarCases: Int = 3, payloadLimits: PayloadLimits = PayloadLimits()) {
        self.executeTools = executeTools
        self.concurrency = max(1, concurrency)
        self.stageTimeout = stageTimeout
        self.approvalTimeout = approvalTimeout
        self.similarCases = similarCases
        self.payloadLimits = payloadLimits
    }
}

/// Bounds on a raw exception's size and shape; anything beyond is rejected at Intake, not processed.
public struct PayloadLimits: Sendable, Hashable {
    public var maximumDepth: Int
    public var maximumNodes: Int
    public var maximumStringLength: Int

    public init(maximumDepth: Int = 16, maximumNodes: Int = 5_000, maximumStringLength: Int = 20_000) {
        self.maximumDepth = maximumDepth
        self.maximumNodes = maximumNodes
        self.maximumStringLength = maximumStringLength
    }
}
