/// Exponential backoff with full jitter: the delay before retry `n` (1-based) is a random value in
/// `[0, min(maxDelay, baseDelay * 2^(n-1))]`, drawn from a seeded generator so runs are reproducible.
public struct RetryPolicy: Sendable, Hashable, Codable {
    public var maxRetries: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxRetries: Int = 2, baseDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(2)) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The upper bound of the delay before retry `attempt` (1-based).
    public func delayCeiling(forRetry attempt: Int) -> Duration {
        let doublings = min(max(attempt - 1, 0), 30)
        guard baseDelay > .zero, maxDelay > .zero else { return min(maxDelay, baseDelay) }
        var delay = baseDelay
        for _ in 0..<doublings where delay < maxDelay { delay *= 2 }
        return min(maxDelay, delay)
    }

    /// The jittered delay before retry `attempt`, using `random` in [0, 1).
    public func delay(forRetry attempt: Int, random: Double) -> Duration {
        delayCeiling(forRetry: attempt) * random
    }
}
