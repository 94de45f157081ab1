/// Why an HTTP exchange failed below the level of a status code: no connection, a timeout, a body
/// that broke off or grew too large. Descriptions name the phase, never headers or bodies.
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible, RetryClassifiedError {
    public enum Kind: String, Sendable, Hashable {
        /// The connection could not be made or broke before the response head.
        case connection
        /// The response head did not arrive within the request's head timeout.
        case headTimeout
        /// The overall deadline (across retries) passed.
        case deadlineExceeded
        /// The body ended before the protocol said it was complete, or the connection closed mid-body.
        case bodyInterrupted
        /// The body exceeded the caller's limit.
        case bodyTooLarge
        /// The URL cannot be sent (bad scheme, no host).
        case invalidURL
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "HTTP \(kind.rawValue): \(message)" }

    /// Connection failures and head timeouts are retried; a broken or oversized body and a passed
    /// deadline are not (part of the answer may already have been used).
    public var retryDisposition: RetryDisposition {
        switch kind {
        case .connection, .headTimeout: .retry(after: nil)
        case .deadlineExceeded, .bodyInterrupted, .bodyTooLarge, .invalidURL: .fail
        }
    }
}
