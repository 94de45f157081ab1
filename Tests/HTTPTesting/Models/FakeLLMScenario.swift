import Foundation

/// The language-model services a ``FakeLLMServer`` imitates.
public enum FakeLLMProvider: String, Sendable, Hashable, CaseIterable {
    case openai, anthropic, ollama
}

/// How a ``FakeLLMServer`` answers one request, in the provider's documented wire format.
public enum FakeLLMScenario: Sendable, Hashable {
    /// How a rate-limited reply says when to retry.
    public enum RetryHint: Sendable, Hashable {
        case retryAfterMilliseconds(Int)
        case retryAfterSeconds(Int)
        /// `retry-after` as an HTTP date this many seconds from now.
        case retryAfterDate(secondsFromNow: Int)
        /// `x-should-retry: false`.
        case shouldNotRetry
        case none
    }

    /// A complete streamed reply with this text, written in small pieces at awkward byte boundaries.
    case reply(String)
    /// 429 (OpenAI `rate_limit_exceeded`, Anthropic `rate_limit_error`, Ollama's error body).
    case rateLimited(RetryHint)
    /// OpenAI's 429 `insufficient_quota`, which must not be retried.
    case insufficientQuota
    /// Anthropic's 529 `overloaded_error` (503 for the others).
    case overloaded
    /// HTTP 500.
    case serverError
    /// HTTP 400 invalid request.
    case invalidRequest
    /// HTTP 401.
    case unauthorized
    /// The response head only after this delay, then the reply.
    case slowHead(Duration, String)
    /// The reply's stream cut off (connection closed) after about half of it.
    case cutMidway(String)
    /// Some text, then an error inside the 200 stream (SSE `error` event, OpenAI error chunk, Ollama `{"error":…}` line).
    case midStreamError(String)
    /// A refusal (OpenAI `delta.refusal`, Anthropic `stop_reason: refusal`; Ollama has none and replies with the text).
    case refusal(String)
    /// The text, stopped by the token limit (`length`, `max_tokens`).
    case truncated(String)
}
