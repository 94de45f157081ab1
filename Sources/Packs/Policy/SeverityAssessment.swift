/// The severity of one exception and why.
public struct SeverityAssessment: Hashable, Sendable, Codable {
    public var severity: Severity
    /// The exception type's default severity (what applies when nothing matches).
    public var defaultSeverity: Severity
    /// Ids of the domain severity rules that matched, in pack order.
    public var matchedRuleIds: [String]
    /// Indices of the tenant severity overrides that matched; when any did, they decided the severity.
    public var matchedOverrideIndices: [Int]
}
