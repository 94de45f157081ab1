/// How readers treat input that breaks the OCEL constraints.
public struct OCELImportOptions: Sendable, Hashable {
    /// When false (the default) the first violation throws a typed, positioned ``ObjectCentricError``.
    /// When true the offending event, object, relation or attribute is skipped and reported in
    /// ``ObjectCentricImport/issues``; syntax errors (malformed JSON or XML, a corrupt database) still throw,
    /// because nothing after them can be trusted.
    public var lenient: Bool

    public init(lenient: Bool = false) {
        self.lenient = lenient
    }

    public static let strict = OCELImportOptions()
}

/// A log read in lenient mode together with what was skipped.
public struct ObjectCentricImport: Sendable {
    public var log: ObjectCentricLog
    public var issues: [ObjectCentricIssue]
}
