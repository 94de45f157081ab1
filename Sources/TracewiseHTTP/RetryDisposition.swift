/// Whether a failed attempt may be repeated, and after how long the server asked to wait.
public enum RetryDisposition: Sendable, Hashable {
    /// Retry; `after` is the server's requested delay when it sent one (`retry-after-ms`, `retry-after`).
    case retry(after: Duration?)
    /// Do not retry: repeating the request cannot succeed or is not safe.
    case fail
}

/// An error that knows whether the attempt that produced it may be retried. ``HTTPRetryPolicy/run(_:)``
/// retries only these, and only when they say `.retry`.
public protocol RetryClassifiedError: Error {
    var retryDisposition: RetryDisposition { get }
}
