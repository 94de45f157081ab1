import Explain

/// A whole reply: the text and the call's summary.
public struct ModelCompletion: Sendable, Hashable {
    public var text: String
    public var summary: ModelCallSummary

    public init(text: String, summary: ModelCallSummary) {
        self.text = text
        self.summary = summary
    }

    /// The reply as the `LanguageModel` protocol returns it, usage included.
    public var languageModelResponse: LanguageModelResponse {
        LanguageModelResponse(text: text, model: "\(summary.provider.rawValue):\(summary.model)",
                              usage: LanguageModelUsage(inputTokens: summary.usage.inputTokens,
                                                        outputTokens: summary.usage.outputTokens))
    }
}
