/// The severity of one exception and why.
public struct SeverityAssessment: Hashable, Sendable, Codable {
    public var severity: Severity
    /// The exception type's default severity (what applies when nothing matches).
    public var defaultSeverity: Severity
    /// Ids of the domain severity rules that matched, in pack order.
    public var matchedRuleIDs: [String]
    /// Indices of the tenant severity overrides that matched; when any did, they decided the severity.
    public var matchedOverrideIndices: [Int]

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case severity, defaultSeverity, matchedRuleIDs = "matchedRuleIds", matchedOverrideIndices
    }
}
