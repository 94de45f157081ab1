/// Finds the smallest set of actionable feature changes that brings a case's prediction under a
/// threshold (e.g. an SLA in hours), and evaluates arbitrary what-if changes.
///
/// Only features the caller marks actionable are changed. An actionable name is either a column
/// (candidate values: the reference data's minimum, 10/25/50/75/90 % quantiles and maximum) or the key
/// of a one-hot group `KEY=level` (candidates: every other level). The search is breadth-first by
/// number of changes with a beam of the best partial sets, so a single sufficient change is always
/// preferred over two.
///
/// ```swift
/// let search = CounterfactualSearch(model: drivers.model, reference: drivers.dataset.features,
///                                   actionable: ["region", "count[Request Customer Data]"])
/// let cf = search.smallestChange(row: drivers.dataset.features.row(7), caseID: "order-7", below: 48)
/// print(cf.changes.map(\.feature), cf.prediction)
/// ```
public struct CounterfactualSearch: Sendable {
    public let model: any PredictiveModel
    public let names: [String]
    private let actions: [Action]

    /// One way of changing one actionable feature.
    private struct Action: Sendable {
        /// Index of the actionable feature or group this action belongs to.
        var group: Int
        var label: String
        /// Columns set and their values.
        var assignments: [(column: Int, value: Double)]
        var to: String
        /// Whether the action changes nothing for `row`.
        func isNoOp(_ row: [Double]) -> Bool { assignments.allSatisfy { row[$0.column] == $0.value } }
    }

    /// - Parameters:
    ///   - model: the model whose prediction the search lowers.
    ///   - reference: data whose columns (named as the model's features) give candidate values.
    ///   - actionable: column names or one-hot group keys the search may change; unknown names are ignored.
    public init(model: any PredictiveModel, reference: FeatureMatrix, actionable: [String]) {
        self.model = model
        names = reference.names
        var actions: [Action] = []
        for (group, name) in actionable.enumerated() {
            if let c = reference.columnIndex(name) {
                for value in Self.candidates(reference.column(c)) {
                    actions.append(Action(group: group, label: name, assignments: [(c, value)], to: FactFormat.number(value, decimals: 2)))
                }
            } else {
                let levels = reference.names.indices.filter { reference.names[$0].hasPrefix(name + "=") }
                for c in levels {
                    let level = String(reference.names[c].dropFirst(name.count + 1))
                    actions.append(Action(group: group, label: name, assignments: levels.map { ($0, $0 == c ? 1 : 0) }, to: level))
                }
            }
        }
        self.actions = actions
    }

    /// The prediction for `row` after setting named columns to values (unknown names ignored).
    public func whatIf(row: [Double], caseID: String, setting changes: [String: Double]) -> Counterfactual {
        var changed = row
        var applied: [Counterfactual.Change] = []
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            guard let c = names.firstIndex(of: name) else { continue }
            applied.append(.init(feature: name, from: Self.describe(row[c]), to: Self.describe(value)))
            changed[c] = value
        }
        let before = model.predict(row), after = model.predict(changed)
        return Counterfactual(caseID: caseID, originalPrediction: before, prediction: after, threshold: nil,
                              changes: applied, reachesThreshold: true)
    }

    /// The smallest set of actionable changes (at most `maxChanges`) that brings the prediction for
    /// `row` below `threshold`; when none does, the best set found with `reachesThreshold == false`.
    /// - Complexity: O(maxChanges × beamWidth × actions) model evaluations.
    public func smallestChange(row: [Double], caseID: String, below threshold: Double, maxChanges: Int = 3,
                               beamWidth: Int = 16) -> Counterfactual {
        let original = model.predict(row)
        if original < threshold {
            return Counterfactual(caseID: caseID, originalPrediction: original, prediction: original,
                                  threshold: threshold, changes: [], reachesThreshold: true)
        }
        struct Candidate { var actions: [Int]; var row: [Double]; var prediction: Double }
        var beam = [Candidate(actions: [], row: row, prediction: original)]
        var best = beam[0]
        for _ in 0..<max(0, maxChanges) {
            var next: [Candidate] = []
            var seen = Set<[Int]>()
            for candidate in beam {
                let usedGroups = Set(candidate.actions.map { actions[$0].group })
                for (index, action) in actions.enumerated()
                where !usedGroups.contains(action.group) && !action.isNoOp(candidate.row) {
                    let key = (candidate.actions + [index]).sorted()
                    guard seen.insert(key).inserted else { continue }
                    var changed = candidate.row
                    for (c, v) in action.assignments { changed[c] = v }
                    next.append(Candidate(actions: candidate.actions + [index], row: changed, prediction: model.predict(changed)))
                }
            }
            guard !next.isEmpty else { break }
            next.sort {
                $0.prediction != $1.prediction ? $0.prediction < $1.prediction : $0.actions.lexicographicallyPrecedes($1.actions)
            }
            if next[0].prediction < best.prediction { best = next[0] }
            if next[0].prediction < threshold { best = next[0]; break }
            beam = Array(next.prefix(beamWidth))
        }
        let changes = best.actions.map { index -> Counterfactual.Change in
            let action = actions[index]
            return .init(feature: action.label, from: describeCurrent(action, row: row), to: action.to)
        }
        return Counterfactual(caseID: caseID, originalPrediction: original, prediction: best.prediction,
                              threshold: threshold, changes: changes, reachesThreshold: best.prediction < threshold)
    }

    private func describeCurrent(_ action: Action, row: [Double]) -> String {
        if action.assignments.count == 1 { return Self.describe(row[action.assignments[0].column]) }
        let active = action.assignments.first { row[$0.column] == 1 }
        return active.map { String(names[$0.column].dropFirst(action.label.count + 1)) } ?? "none"
    }

    private static func describe(_ value: Double) -> String {
        value.isNaN ? "missing" : FactFormat.number(value, decimals: value == value.rounded() ? 0 : 2)
    }

    /// Distinct quantiles of a column (NaNs skipped).
    private static func candidates(_ values: [Double]) -> [Double] {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return [] }
        var out: [Double] = []
        for q in [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0] {
            let v = sorted[Int((q * Double(sorted.count - 1)).rounded())]
            if !out.contains(v) { out.append(v) }
        }
        return out
    }
}
