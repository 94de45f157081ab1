/// What may be done about an exception once policy has looked at it.
public enum Actionability: String, Hashable, Sendable, Codable, CaseIterable {
    /// An approved playbook of the tenant handles it.
    case actionableApprovedProcess = "ACTIONABLE_APPROVED_PROCESS"
    /// A playbook exists for it, but the tenant has not approved one: a draft is suggested, nothing runs.
    case actionableNonApprovedProcess = "ACTIONABLE_NON_APPROVED_PROCESS"
    /// Recorded for information; no playbook applies.
    case nonActionableInfoOnly = "NON_ACTIONABLE_INFO_ONLY"
}
