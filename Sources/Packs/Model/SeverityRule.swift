/// `condition → severity`. Rules are evaluated in order; the highest severity among the rules that match
/// wins, and the exception type's default applies when none matches.
public struct SeverityRule: Hashable, Sendable, Codable {
    public var id: String
    public var description: String?
    /// A rule-language expression over the exception record (see `RuleExpression`).
    public var condition: String
    public var severity: Severity

    public init(id: String, description: String? = nil, condition: String, severity: Severity) {
        self.id = id
        self.description = description
        self.condition = condition
        self.severity = severity
    }
}
