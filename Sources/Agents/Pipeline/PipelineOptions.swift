/// How a pipeline runs.
public struct PipelineOptions: Sendable, Hashable {
    /// Whether Resolution calls tools. Off by default: plans are validated and recorded, nothing is sent.
    public var executeTools: Bool
    /// How many exceptions are processed at once.
    public var concurrency: Int
    /// Seconds a stage may take before the exception is escalated.
    public var stageTimeout: Double
    /// Seconds an approval request waits before it expires and escalates.
    public var approvalTimeout: Double
    /// How many similar past cases Triage cites.
    public var similarCases: Int
    /// Limits on raw input, enforced by Intake.
    public var payloadLimits: PayloadLimits

    public init(executeTools: Bool = false, concurrency: Int = 8, stageTimeout: Double = 10,
                approvalTimeout: Double = 86_400, similarCases: Int = 3, payloadLimits: PayloadLimits = PayloadLimits()) {
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
