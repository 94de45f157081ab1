/// A per-tool circuit breaker: after `failureThreshold` consecutive failures the circuit opens and calls
/// are refused until `openDuration` has passed; then one trial call is let through (half-open). A success
/// closes the circuit, a failure opens it again.
///
/// It is a value type driven by explicit instants of `ContinuousClock` (monotonic: a wall-clock jump
/// neither closes nor holds an open circuit), so tests and the execution engine control the time.
public struct CircuitBreaker: Sendable, Hashable {
    public enum State: String, Sendable, Codable, Hashable {
        case closed
        case open
        case halfOpen
    }

    public let failureThreshold: Int
    /// How long the circuit stays open before a trial call is allowed.
    public let openDuration: Duration
    public private(set) var state: State = .closed
    public private(set) var consecutiveFailures = 0
    private var openedAt: ContinuousClock.Instant?

    public init(failureThreshold: Int = 5, openDuration: Duration = .seconds(30)) {
        self.failureThreshold = max(1, failureThreshold)
        self.openDuration = openDuration
    }

    /// Whether a call may be made at `now`; moves an expired open circuit to half-open.
    public mutating func allowsCall(at now: ContinuousClock.Instant) -> Bool {
        switch state {
        case .closed, .halfOpen:
            return true
        case .open:
            guard let openedAt, openedAt.duration(to: now) >= openDuration else { return false }
            state = .halfOpen
            return true
        }
    }

    public mutating func recordSuccess() {
        state = .closed
        consecutiveFailures = 0
    }

    public mutating func recordFailure(at now: ContinuousClock.Instant) {
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= failureThreshold {
            state = .open
            openedAt = now
        }
    }
}
