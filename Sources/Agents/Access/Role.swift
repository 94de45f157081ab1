/// What an API key may do. Roles are ordered: each includes the ones below it.
///
/// - viewer: read logs, analyses, exceptions, approvals, metrics and audit.
/// - operator: also upload logs, run analyses, submit exceptions and decide approvals.
/// - admin: also manage packs and API keys.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case viewer
    case `operator`
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
