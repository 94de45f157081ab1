import Synchronization

/// Per-key token buckets: each key may burst `capacity` requests and is refilled at `ratePerSecond`. A request
/// finding its bucket empty is told how many whole seconds to wait (the `Retry-After` of a 429).
public final class TokenBucketLimiter: Sendable {
    public let capacity: Double
    public let ratePerSecond: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    public init(capacity: Int, ratePerSecond: Double) {
        self.capacity = Double(capacity)
        self.ratePerSecond = ratePerSecond
        origin = clock.now
    }

    /// Takes one token from `key`'s bucket; returns nil when allowed, else the seconds to wait (at least 1).
    public func acquire(_ key: String) -> Int? {
        let now = seconds(clock.now - origin)
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * ratePerSecond)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / ratePerSecond).rounded(.up)))
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
