/// Something a lenient import skipped, with the error a strict import would have thrown.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    /// The typed, located error for the skipped item.
    public var error: EventLogError
    /// What was skipped (`attribute`, `element`, ...).
    public var skipped: String

    public init(error: EventLogError, skipped: String) {
        self.error = error
        self.skipped = skipped
    }

    public var description: String { "skipped \(skipped): \(error.description)" }
}
