/// A guardrail that applies to an exception (before any tool runs) or to a tool call.
public struct GuardrailFinding: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A guardrail condition (domain, or tenant `additionalConditions`) matched.
        case condition
        /// A field or argument holds a value on a block list.
        case blockedValue
        /// A field or argument holds a value missing from an allow list.
        case valueNotAllowed
        /// The approval threshold field is at or above the threshold.
        case approvalThreshold
        /// The severity is one the tenant never handles automatically.
        case noAutoActionSeverity
    }

    public var kind: Kind
    /// The condition or list id; the threshold field for `approvalThreshold`; the severity for
    /// `noAutoActionSeverity`.
    public var guardrailID: String
    public var effect: GuardrailCondition.Effect
    public var message: String

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case kind, guardrailID = "guardrailId", effect, message
    }
}
