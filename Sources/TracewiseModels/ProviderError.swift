import TracewiseHTTP

/// Why a call to a language model or embedding service failed, typed across providers, with the
/// provider's request id for support tickets.
///
/// ``description`` names the provider, the kind, the HTTP status, the provider's error type or code and
/// the request id — never the API key, the prompt or the provider's free-text message (which can quote
/// the prompt); that message is kept apart in ``providerMessage``.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible, RetryClassifiedError {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Missing or rejected credentials (401, a missing key variable).
        case authentication
        /// The key may not use this model or endpoint (403).
        case permission
        /// The provider's rate limit (429, retried).
        case rateLimited
        /// The account's quota or credit is exhausted (OpenAI `insufficient_quota`, Anthropic `billing_error`); never retried.
        case quotaExceeded
        /// The provider is overloaded (Anthropic 529, 503; retried).
        case overloaded
        /// The request was rejected as invalid (400, 404, 422).
        case invalidRequest
        /// The prompt does not fit the model's context window.
        case contextTooLong
        /// The model refused to answer.
        case refused
        /// The provider's content filter stopped the reply.
        case contentFiltered
        /// The reply was cut by the token limit (`length`, `max_tokens`).
        case truncated
        /// A 5xx the retries did not overcome.
        case server
        /// No response head in time, or the total deadline passed.
        case timeout
        /// No connection could be made.
        case connection
        /// A stream broke off or reported an error after it had started.
        case streamInterrupted
        /// The reply could not be read (not the documented shape, a wrong embedding dimension).
        case invalidResponse
        /// The tenant's own quota (tokens per day, requests per minute) would be exceeded; nothing was sent.
        case tenantQuotaExceeded
    }

    public var kind: Kind
    public var provider: ModelProvider?
    public var status: Int?
    /// The provider's request id (`x-request-id`, `request-id`, or the body's `request_id`).
    public var requestID: String?
    /// The provider's machine-readable error type or code (`rate_limit_exceeded`, `overloaded_error`).
    public var providerCode: String?
    /// Tracewise's own explanation; it never quotes the prompt or a secret.
    public var detail: String
    /// The provider's free-text message, which may quote the request: kept out of ``description``.
    public var providerMessage: String?
    public var retryDisposition: RetryDisposition

    public init(_ kind: Kind, provider: ModelProvider?, status: Int? = nil, requestID: String? = nil,
                providerCode: String? = nil, detail: String, providerMessage: String? = nil,
                retryDisposition: RetryDisposition = .fail) {
        self.kind = kind
        self.provider = provider
        self.status = status
        self.requestID = requestID
        self.providerCode = providerCode
        self.detail = detail
        self.providerMessage = providerMessage.map { String($0.prefix(500)) }
        self.retryDisposition = retryDisposition
    }

    public var description: String {
        var facts: [String] = []
        if let status { facts.append("HTTP \(status)") }
        if let providerCode { facts.append("code \(providerCode)") }
        if let requestID { facts.append("request \(requestID)") }
        let head = [provider?.rawValue, kind.rawValue].compactMap { $0 }.joined(separator: " ")
        return head + (facts.isEmpty ? "" : " (" + facts.joined(separator: ", ") + ")") + ": " + detail
    }
}
