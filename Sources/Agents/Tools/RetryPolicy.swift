/// Exponential backoff with full jitter: the delay before retry `n` (1-based) is a random value in
/// `[0, min(maxDelay, baseDelay * 2^(n-1))]`, drawn from a seeded generator so runs are reproducible.
public struct RetryPolicy: Sendable, Hashable, Codable {
    public var maxRetries: Int
    /// Seconds.
    public var baseDelay: Double
    /// Seconds.
    public var maxDelay: Double

    public init(maxRetries: Int = 2, baseDelay: Double = 0.05, maxDelay: Double = 2) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The upper bound of the delay before retry `attempt` (1-based).
    public func delayCeiling(forRetry attempt: Int) -> Double {
        min(maxDelay, baseDelay * Double(1 << min(max(attempt - 1, 0), 30)))
    }

    /// The jittered delay before retry `attempt`, using `random` in [0, 1).
    public func delay(forRetry attempt: Int, random: Double) -> Double {
        delayCeiling(forRetry: attempt) * random
    }
}
