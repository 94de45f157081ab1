/// Conformance deviations counted per case, to use as features (`deviations`, `deviation[LABEL]`).
///
/// Build it from any conformance result (alignments, token replay) by counting each case's deviation
/// kinds, e.g. `"log move: approve"` or `"model move: check"`.
public struct CaseDeviations: Hashable, Sendable, Codable {
    /// Per case identifier: count per deviation label.
    public var countsByCase: [String: [String: Int]]

    public init(countsByCase: [String: [String: Int]]) {
        self.countsByCase = countsByCase
    }

    /// Every label, most frequent over all cases first (ties by name).
    public var labels: [String] {
        var totals: [String: Int] = [:]
        for counts in countsByCase.values { for (label, n) in counts { totals[label, default: 0] += n } }
        return totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }
}
