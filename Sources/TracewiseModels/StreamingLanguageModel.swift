import Explain

/// A `LanguageModel` that can stream its reply. The non-streaming calls are the stream collected, so
/// both paths share one parser and one set of checks.
///
/// ```swift
/// let model = OpenAIChatModel(model: "gpt-4o-mini", configuration: try .fromEnvironment(.openai))
/// for try await delta in model.stream(LanguageModelRequest(messages: [.user("Hello")])) {
///     if case .text(let piece) = delta { print(piece, terminator: "") }
/// }
/// ```
public protocol StreamingLanguageModel: LanguageModel {
    /// The reply as it is generated: ``ModelDelta/text(_:)`` pieces, then one ``ModelDelta/done(_:)``.
    /// The stream throws ``ProviderError`` (a refusal, a truncation, a mid-stream error included) and ends
    /// the HTTP request when the consumer stops iterating or its task is cancelled.
    func stream(_ request: LanguageModelRequest) -> AsyncThrowingStream<ModelDelta, any Error>
}

extension StreamingLanguageModel {
    /// The whole reply with its summary.
    public func completion(_ request: LanguageModelRequest) async throws -> ModelCompletion {
        var text = ""
        for try await delta in stream(request) {
            switch delta {
            case .text(let piece): text += piece
            case .done(let summary): return ModelCompletion(text: text, summary: summary)
            }
        }
        try Task.checkCancellation()
        throw ProviderError(.streamInterrupted, provider: nil, detail: "the reply ended without its closing summary")
    }

    public func complete(_ request: LanguageModelRequest) async throws -> LanguageModelResponse {
        try await completion(request).languageModelResponse
    }
}
