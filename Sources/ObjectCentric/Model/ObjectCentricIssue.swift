/// Something a lenient import skipped, with the error a strict import would have thrown.
public struct ObjectCentricIssue: Hashable, Sendable, CustomStringConvertible {
    /// The error a strict import would have thrown here.
    public var error: ObjectCentricError
    /// What was left out (`event`, `object`, `relation`, `attribute`).
    public var skipped: String

    public init(error: ObjectCentricError, skipped: String) {
        self.error = error
        self.skipped = skipped
    }

    public var description: String { "skipped \(skipped): \(error)" }
}
