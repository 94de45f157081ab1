/// A per-tool circuit breaker: after `failureThreshold` consecutive failures the circuit opens and calls
/// are refused until `openDuration` has passed; then one trial call is let through (half-open). A success
/// closes the circuit, a failure opens it again.
///
/// It is a value type driven by explicit times so tests and the execution engine control the clock.
public struct CircuitBreaker: Sendable, Hashable {
    public enum State: String, Sendable, Codable, Hashable {
        case closed
        case open
        case halfOpen
    }

    public let failureThreshold: Int
    /// Seconds the circuit stays open before a trial call is allowed.
    public let openDuration: Double
    public private(set) var state: State = .closed
    public private(set) var consecutiveFailures = 0
    private var openedAt: Double = 0

    public init(failureThreshold: Int = 5, openDuration: Double = 30) {
        self.failureThreshold = max(1, failureThreshold)
        self.openDuration = openDuration
    }

    /// Whether a call may be made at time `now` (seconds); moves an expired open circuit to half-open.
    public mutating func allowsCall(at now: Double) -> Bool {
        switch state {
        case .closed, .halfOpen:
            return true
        case .open:
            guard now - openedAt >= openDuration else { return false }
            state = .halfOpen
            return true
        }
    }

    public mutating func recordSuccess() {
        state = .closed
        consecutiveFailures = 0
    }

    public mutating func recordFailure(at now: Double) {
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= failureThreshold {
            state = .open
            openedAt = now
        }
    }
}
