/// Something a lenient import skipped or coerced, with the error a strict import would have thrown.
///
/// ```swift
/// for problem in result.problems { print(problem) }
/// // coerced int attribute to int 0: log.xes, line 7, column 40: invalidAttributeValue: invalid int value '0.0'
/// ```
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    /// The typed, located error (file, line, column) for the item.
    public var error: EventLogError
    /// What the item was (`attribute`, `<event>`, `<global>`, ...).
    public var skipped: String
    /// The value kept instead when the item was coerced (`int 0`, `boolean true`, `scope event`), or nil
    /// when it was skipped.
    public var keptAs: String?

    public init(error: EventLogError, skipped: String, keptAs: String? = nil) {
        self.error = error
        self.skipped = skipped
        self.keptAs = keptAs
    }

    /// True when the item was kept with a coerced value rather than skipped.
    public var isCoercion: Bool { keptAs != nil }

    public var description: String {
        if let keptAs { return "coerced \(skipped) to \(keptAs): \(error.description)" }
        return "skipped \(skipped): \(error.description)"
    }
}
