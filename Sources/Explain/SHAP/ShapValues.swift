/// SHAP values for a set of rows: one value per row and feature, plus the base value they add to.
///
/// For every row, `expectedValue + Σ values(row)` equals the model's prediction (margin) for that row.
///
/// ```swift
/// let shap = TreeSHAP(model).explain(matrix)
/// let drivers = zip(shap.featureNames, shap.row(0)).sorted { abs($0.1) > abs($1.1) }
/// ```
public struct ShapValues: Sendable, Codable, Hashable {
    /// The feature names, one per column of ``values``.
    public var featureNames: [String]
    /// The base value: the model's expected output under the explainer's reference distribution.
    public var expectedValue: Double
    /// The SHAP values, row-major: `rowCount × featureNames.count`.
    public var values: [Double]

    /// Creates SHAP values from row-major values.
    public init(featureNames: [String], expectedValue: Double, values: [Double]) {
        precondition(featureNames.isEmpty ? values.isEmpty : values.count % featureNames.count == 0,
                     "\(values.count) values do not fill rows of \(featureNames.count) features")
        self.featureNames = featureNames
        self.expectedValue = expectedValue
        self.values = values
    }

    /// The number of explained rows.
    public var rowCount: Int { featureNames.isEmpty ? 0 : values.count / featureNames.count }

    /// The SHAP value of `feature` in `row`.
    public subscript(row: Int, feature: Int) -> Double {
        values[row * featureNames.count + feature]
    }

    /// The SHAP values of one row, in feature order.
    public func row(_ index: Int) -> [Double] {
        Array(values[index * featureNames.count ..< (index + 1) * featureNames.count])
    }

    /// `expectedValue + Σ SHAP` for one row: the prediction the values explain.
    public func reconstructedPrediction(row index: Int) -> Double {
        row(index).reduce(expectedValue, +)
    }

    /// The mean absolute SHAP value of each feature over all rows (the usual global importance).
    public var meanAbsoluteValues: [Double] {
        let columns = featureNames.count
        var sums = [Double](repeating: 0, count: columns)
        for (index, value) in values.enumerated() { sums[index % columns] += abs(value) }
        let rows = Double(max(rowCount, 1))
        return sums.map { $0 / rows }
    }
}
