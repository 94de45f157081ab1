/// How serious an exception is. Ordered: `low < medium < high < critical`.
public enum Severity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case low = "LOW"
    case medium = "MEDIUM"
    case high = "HIGH"
    case critical = "CRITICAL"

    /// 0 for `low` up to 3 for `critical`: the order, and an index for per-severity tables.
    var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
