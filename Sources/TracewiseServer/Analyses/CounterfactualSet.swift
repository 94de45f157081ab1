import Explain

/// Explain's what-if for an analysis: for each of the cases with the largest target, the fewest changes to
/// actionable features (case attributes and rework counts) that bring the model's prediction below a threshold —
/// the median prediction for durations and waiting times, even odds (log-odds 0) for SLA breaches.
/// `GET …/analyses/{id}/counterfactuals` serves it; "why this bottleneck?" shows the first case's.
struct CounterfactualSet: Codable, Sendable {
    /// The target explained (`duration_hours`, `waiting_hours[Ship Goods]`, `sla_breach[86400s]`).
    var target: String
    /// The unit of the predictions: `hours`, or `log-odds` for SLA breach.
    var unit: String
    /// The prediction each case has to get below, and how it was chosen.
    var threshold: Double
    var thresholdRule: String
    /// The features the search could change (attribute keys of one-hot groups, `count[…]` rework columns).
    var actionable: [String]
    /// One counterfactual per case, largest target first.
    var cases: [Counterfactual]

    /// Searches counterfactuals for the `count` cases with the largest target; nil when the model has no
    /// actionable feature or no case.
    init?(_ drivers: DriverAnalysis, count: Int = 5) {
        let features = drivers.dataset.features
        let groups = Set(features.names.compactMap { name in name.firstIndex(of: "=").map { String(name[..<$0]) } })
        let actionable = Array(groups).sorted() + features.names.filter { $0.hasPrefix("count[") }
        let predictions = drivers.model.predict(features).sorted()
        let rows = drivers.slowestRows(count)
        guard !predictions.isEmpty, !actionable.isEmpty, !rows.isEmpty else { return nil }
        if drivers.target.isBinary {
            threshold = 0
            thresholdRule = "even odds of a breach (log-odds 0)"
        } else {
            threshold = predictions[predictions.count / 2]
            thresholdRule = "the median prediction"
        }
        target = drivers.dataset.targetName
        unit = drivers.unit
        self.actionable = actionable
        let search = CounterfactualSearch(model: drivers.model, reference: features, actionable: actionable)
        let threshold = threshold
        cases = rows.map { search.smallestChange(row: features.row($0), caseID: features.caseIDs[$0], below: threshold) }
    }
}
