/// One element of a streamed reply: a piece of text, then a closing summary.
public enum ModelDelta: Sendable, Hashable {
    /// The next piece of the reply's text (in JSON mode, of the JSON text).
    case text(String)
    /// The end of a complete reply. Always the last element of a stream that finishes without error.
    case done(ModelCallSummary)
}

/// What a finished call reports besides its text.
public struct ModelCallSummary: Sendable, Hashable, Codable {
    public var provider: ModelProvider
    /// The model that answered, as the provider names it.
    public var model: String
    public var requestID: String?
    /// The provider's reason for stopping (`stop`, `end_turn`, …).
    public var finishReason: String?
    public var usage: ModelUsage
    /// From sending the request to the end of the reply, in seconds.
    public var latencySeconds: Double
    /// The provider's own timing of the call when it reports one (Ollama's `total_duration`, converted
    /// from nanoseconds).
    public var serverSeconds: Double?

    public init(provider: ModelProvider, model: String, requestID: String?, finishReason: String?, usage: ModelUsage,
                latencySeconds: Double, serverSeconds: Double? = nil) {
        self.serverSeconds = serverSeconds
        self.provider = provider
        self.model = model
        self.requestID = requestID
        self.finishReason = finishReason
        self.usage = usage
        self.latencySeconds = latencySeconds
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case provider, model, requestID = "requestId", finishReason, usage, latencySeconds, serverSeconds
    }
}

/// Tokens a call consumed, as the provider counted them.
public struct ModelUsage: Sendable, Hashable, Codable {
    public var inputTokens: Int
    public var outputTokens: Int

    public init(inputTokens: Int = 0, outputTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    public var totalTokens: Int { inputTokens + outputTokens }
}
