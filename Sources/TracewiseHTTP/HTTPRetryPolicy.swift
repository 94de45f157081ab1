import Foundation

/// When and how long to wait before repeating a failed HTTP call, modelled on the official OpenAI and
/// Anthropic SDKs and shared by every Tracewise client (language models, connectors).
///
/// - Retryable statuses: 408, 409, 429 and every 5xx (Anthropic's 529 "overloaded" included).
/// - `x-should-retry: true|false` from the server overrides the status.
/// - The server's delay (`retry-after-ms`, then `retry-after` in seconds or as an HTTP date) is honoured
///   when it is at most ``maxHonouredServerDelay``; otherwise the delay is exponential backoff
///   (``initialDelay`` doubled per retry, capped at ``maxDelay``) minus up to ``jitter`` of it at random.
/// - ``totalDeadline`` bounds the whole call across attempts: a retry whose wait would pass it is not made.
///
/// Clients classify their own errors (``RetryClassifiedError``) — e.g. OpenAI's `insufficient_quota`
/// 429 and every 4xx validation error say `.fail` — and ``run(_:)`` repeats only what says `.retry`.
///
/// ```swift
/// let policy = HTTPRetryPolicy(maxAttempts: 3, totalDeadline: .seconds(60))
/// let reply = try await policy.run { attempt in try await send(request) }
/// ```
public struct HTTPRetryPolicy: Sendable {
    /// Attempts in total, the first included (1 disables retries).
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// The fraction (0…1) of a backoff delay that may be randomly taken off.
    public var jitter: Double
    /// The time allowed for all attempts and waits together.
    public var totalDeadline: Duration
    /// A server-requested delay longer than this is ignored in favour of backoff (as the SDKs do).
    public var maxHonouredServerDelay: Duration
    /// Waits; tests inject a recorder so they run instantly.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// The wall clock for HTTP dates in `retry-after`.
    public var now: @Sendable () -> Date
    /// A random number in 0..<1 for jitter.
    public var random: @Sendable () -> Double

    public init(maxAttempts: Int = 3, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
                jitter: Double = 0.25, totalDeadline: Duration = .seconds(120),
                maxHonouredServerDelay: Duration = .seconds(60),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                now: @escaping @Sendable () -> Date = { Date() },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = min(1, max(0, jitter))
        self.totalDeadline = totalDeadline
        self.maxHonouredServerDelay = maxHonouredServerDelay
        self.sleep = sleep
        self.now = now
        self.random = random
    }

    /// No retries, the same deadline.
    public static let none = HTTPRetryPolicy(maxAttempts: 1)

    /// Whether a response with `status` and `headers` may be retried, and the server's requested delay.
    /// `x-should-retry` wins over the status; 2xx never retries.
    public func disposition(status: Int, headers: HTTPFields) -> RetryDisposition {
        let serverDelay = RetryAfter.delay(in: headers, now: now())
        switch headers["x-should-retry"]?.lowercased() {
        case "true": return .retry(after: serverDelay)
        case "false": return .fail
        default: break
        }
        let retryable = status == 408 || status == 409 || status == 429 || (500...599).contains(status)
        return retryable ? .retry(after: serverDelay) : .fail
    }

    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed.
    public func delay(afterAttempt attempt: Int, serverDelay: Duration?) -> Duration {
        if let serverDelay, serverDelay >= .zero, serverDelay <= maxHonouredServerDelay { return serverDelay }
        var backoff = initialDelay
        for _ in 1..<max(1, attempt) where backoff < maxDelay { backoff *= 2 }
        backoff = min(backoff, maxDelay)
        return backoff * (1 - jitter * random())
    }

    /// Runs `operation` until it succeeds, throws an error that must not be retried, runs out of
    /// attempts, or the next wait would pass ``totalDeadline``. The operation receives the 1-based attempt
    /// number and the instant by which everything must be done. Cancellation is never retried.
    /// - Throws: the last attempt's error, or `CancellationError`.
    public func run<T: Sendable>(
        _ operation: @Sendable (_ attempt: Int, _ deadline: ContinuousClock.Instant) async throws -> T
    ) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: totalDeadline)
        var attempt = 1
        while true {
            do {
                try Task.checkCancellation()
                return try await operation(attempt, deadline)
            } catch let error as RetryClassifiedError {
                guard attempt < maxAttempts, case .retry(let serverDelay) = error.retryDisposition else { throw error }
                let wait = delay(afterAttempt: attempt, serverDelay: serverDelay)
                guard clock.now.advanced(by: wait) < deadline else { throw error }
                try await sleep(wait)
                attempt += 1
            }
        }
    }
}
