import Foundation

/// The deterministic, offline default ``LanguageModel`` — not a language model at all: it echoes back the
/// draft or the JSON it is given, generates nothing, and so can never invent a fact. It keeps every
/// narrative and the pipeline working on a machine with no model server or key; for real rewriting plug in
/// a model client (TracewiseModels' OpenAI, Anthropic or Ollama clients).
///
/// - Text mode: returns the text after the last `DRAFT:` marker of the last user message (the draft a
///   caller asked to be rewritten), or that whole message when it has no marker.
/// - JSON mode: returns the first complete JSON object or array found in the last user message, or
///   `{}` when there is none.
///
/// Callers that build prompts as "instructions + DRAFT:" (as ``LLMNarrator`` does) therefore get their
/// draft back unchanged, which keeps pipelines working with no server or key.
///
/// ```swift
/// let reply = try await EchoLanguageModel().complete(
///     LanguageModelRequest(messages: [.user("Rewrite.\nDRAFT:\nCases take 3 days.")]))
/// // reply.text == "Cases take 3 days."
/// ```
public struct EchoLanguageModel: LanguageModel {
    /// The marker that starts the draft in a user message.
    public static let draftMarker = "DRAFT:"

    public let name = "tracewise-echo"

    public init() {}

    public func complete(_ request: LanguageModelRequest) async throws -> LanguageModelResponse {
        try Task.checkCancellation()
        guard let last = request.messages.last(where: { $0.role == .user }) else {
            throw LanguageModelError(.invalidRequest, "the request has no user message")
        }
        switch request.responseFormat {
        case .text:
            return LanguageModelResponse(text: Self.draft(in: last.content), model: name)
        case .json:
            return LanguageModelResponse(text: JSONInText.firstValue(in: last.content).map(String.init) ?? "{}", model: name)
        }
    }

    /// The text after the last ``draftMarker``, trimmed, or the whole text when there is no marker.
    static func draft(in text: String) -> String {
        guard let range = text.range(of: draftMarker, options: .backwards) else { return text }
        return text[range.upperBound...].trimmingWhitespace()
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
