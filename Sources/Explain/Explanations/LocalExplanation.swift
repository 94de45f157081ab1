/// Why one case got its prediction: the features pushing it up and down, and waterfall steps from
/// the expected value to the prediction (expected value + Σ SHAP = prediction).
///
/// ```swift
/// let local = LocalExplanation(row: 3, shap: shap, features: data.features)
/// print(local.caseID, local.up.first?.feature ?? "-")
/// ```
public struct LocalExplanation: Hashable, Sendable, Codable {
    /// One feature's contribution for this case.
    public struct Contribution: Hashable, Sendable, Codable {
        public var feature: String
        /// The case's value of the feature.
        public var value: Double
        /// Its SHAP value (in the target's unit).
        public var shap: Double
    }

    /// One bar of a waterfall: the running total before and after a contribution.
    public struct WaterfallStep: Hashable, Sendable, Codable {
        public var label: String
        public var start: Double
        public var end: Double
    }

    public var caseID: String
    public var expectedValue: Double
    /// expected value + Σ SHAP.
    public var prediction: Double
    /// The strongest contributions raising the prediction, largest first.
    public var up: [Contribution]
    /// The strongest contributions lowering it, most negative first.
    public var down: [Contribution]
    /// Steps from the expected value to the prediction: the strongest contributions by |SHAP|, then
    /// one step for all other features.
    public var waterfall: [WaterfallStep]

    /// Explains row `row`.
    /// - Parameters:
    ///   - row: the row of `features` (and of `shap`) to explain.
    ///   - shap: the SHAP values of the rows of `features`.
    ///   - features: the explained rows, whose column names name the contributions.
    ///   - top: contributions kept per direction and waterfall steps before "other features".
    public init(row: Int, shap: ShapValues, features: FeatureMatrix, top: Int = 5) {
        let values = shap.row(row)
        caseID = features.caseIDs[row]
        expectedValue = shap.expectedValue
        prediction = values.reduce(shap.expectedValue, +)
        let all = values.indices.map { Contribution(feature: features.names[$0], value: features[row, $0], shap: values[$0]) }
        up = Array(all.filter { $0.shap > 0 }.sorted { ($0.shap, $1.feature) > ($1.shap, $0.feature) }.prefix(top))
        down = Array(all.filter { $0.shap < 0 }.sorted { ($0.shap, $0.feature) < ($1.shap, $1.feature) }.prefix(top))
        let ranked = all.sorted { (abs($0.shap), $1.feature) > (abs($1.shap), $0.feature) }
        var running = shap.expectedValue
        var steps: [WaterfallStep] = []
        for c in ranked.prefix(top) where c.shap != 0 {
            steps.append(WaterfallStep(label: Self.label(c), start: running, end: running + c.shap))
            running += c.shap
        }
        let rest = ranked.dropFirst(top).reduce(0) { $0 + $1.shap }
        if rest != 0 { steps.append(WaterfallStep(label: "\(ranked.count - top) other features", start: running, end: running + rest)) }
        waterfall = steps
    }

    private static func label(_ c: Contribution) -> String {
        let value = c.value.isNaN ? "missing" : (c.value == c.value.rounded() && abs(c.value) < 1e12
            ? String(Int64(c.value)) : FactFormat.number(c.value, decimals: 2))
        return "\(c.feature) = \(value)"
    }
}
