/// What drives a model's predictions over a whole dataset: features ranked by mean |SHAP|, each with
/// the direction of its effect and dependence data (feature value against SHAP value) for plots.
///
/// ```swift
/// let global = GlobalExplanation(shap: shap, features: data.features, unit: "hours")
/// for d in global.drivers.prefix(3) { print(d.feature, d.meanAbsoluteSHAP) }
/// ```
public struct GlobalExplanation: Hashable, Sendable, Codable {
    /// One feature's global importance.
    public struct Driver: Hashable, Sendable, Codable {
        public var feature: String
        /// Mean |SHAP| over the rows, in the target's unit.
        public var meanAbsoluteSHAP: Double
        /// Mean SHAP (signed) over the rows.
        public var meanSHAP: Double
        /// Whether rows with higher feature values get higher SHAP values (Pearson correlation > 0);
        /// nil when the feature or its SHAP values are constant.
        public var raisesTargetWhenHigh: Bool?

        public init(feature: String, meanAbsoluteSHAP: Double, meanSHAP: Double, raisesTargetWhenHigh: Bool?) {
            self.feature = feature
            self.meanAbsoluteSHAP = meanAbsoluteSHAP
            self.meanSHAP = meanSHAP
            self.raisesTargetWhenHigh = raisesTargetWhenHigh
        }
    }

    /// Feature value and SHAP value per row, for a dependence plot.
    public struct Dependence: Hashable, Sendable, Codable {
        public var feature: String
        public var featureValues: [Double]
        public var shapValues: [Double]
    }

    /// The target's unit (`hours`, `log-odds`, ...).
    public var unit: String
    /// The model's expected output (the SHAP base value).
    public var expectedValue: Double
    /// All features, strongest first (ties by name).
    public var drivers: [Driver]
    /// Dependence data of the strongest features.
    public var dependence: [Dependence]

    /// Ranks the features of `features` by the mean |SHAP| of `shap`.
    /// - Parameters:
    ///   - shap: the SHAP values of the rows of `features`.
    ///   - features: the explained rows, whose column names name the drivers.
    ///   - unit: the unit of the target and of the SHAP values (`hours`, `probability`), for display.
    ///   - dependenceFeatures: how many of the strongest features get dependence data.
    ///   - maxDependencePoints: rows kept per dependence series (evenly spaced), to bound the size.
    public init(shap: ShapValues, features: FeatureMatrix, unit: String, dependenceFeatures: Int = 5,
                maxDependencePoints: Int = 500) {
        precondition(shap.featureNames.count == features.columnCount && shap.rowCount == features.rowCount,
                     "SHAP values must explain the feature matrix")
        self.unit = unit
        expectedValue = shap.expectedValue
        let rows = shap.rowCount
        let meanAbs = shap.meanAbsoluteValues
        drivers = (0..<features.columnCount).map { c in
            var sum = 0.0
            for r in 0..<rows { sum += shap[r, c] }
            return Driver(feature: features.names[c], meanAbsoluteSHAP: meanAbs[c],
                          meanSHAP: rows == 0 ? 0 : sum / Double(rows),
                          raisesTargetWhenHigh: Self.direction(features: features, shap: shap, column: c))
        }.sorted { ($0.meanAbsoluteSHAP, $1.feature) > ($1.meanAbsoluteSHAP, $0.feature) }
        let step = max(1, rows / max(1, maxDependencePoints))
        let sampled = Array(stride(from: 0, to: rows, by: step))
        dependence = drivers.prefix(dependenceFeatures).compactMap { driver in
            guard let c = features.columnIndex(driver.feature) else { return nil }
            return Dependence(feature: driver.feature, featureValues: sampled.map { features[$0, c] },
                              shapValues: sampled.map { shap[$0, c] })
        }
    }

    /// The sign of the correlation between a feature's values and its SHAP values (NaNs skipped).
    private static func direction(features: FeatureMatrix, shap: ShapValues, column c: Int) -> Bool? {
        var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        for r in 0..<features.rowCount {
            let x = features[r, c]
            guard !x.isNaN else { continue }
            let y = shap[r, c]
            n += 1; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
        }
        guard n > 1 else { return nil }
        let cov = sxy - sx * sy / n
        let vx = sxx - sx * sx / n, vy = syy - sy * sy / n
        guard vx > 1e-12, vy > 1e-12, abs(cov) > 1e-12 else { return nil }
        return cov > 0
    }
}
