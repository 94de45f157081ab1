import Foundation
import TracewiseSupport

/// KernelSHAP (Lundberg & Lee 2017) for any ``PredictiveModel``: SHAP values as the solution of a weighted
/// linear regression of coalition values on coalition membership, with the Shapley kernel as weights and
/// the efficiency constraint `Σ φ = f(x) − E[f]` built in. A coalition's value is the mean prediction over
/// the background rows with the coalition's features taken from the explained row.
///
/// Features equal in the row and every background row get 0 and are left out of the regression. With at
/// most ``exactFeatureLimit`` remaining features every coalition is enumerated and the result is the exact
/// (interventional) Shapley value; otherwise ``sampleCount`` coalitions are drawn, in complementary pairs,
/// from the kernel's distribution with a seeded generator, so results are reproducible.
///
/// ```swift
/// let explainer = try KernelSHAP(model: myModel, background: trainingSample)
/// let shap = try explainer.explain(casesToExplain)
/// ```
public struct KernelSHAP: Sendable {
    /// The explained model.
    public let model: any PredictiveModel
    /// The reference rows absent features are drawn from.
    public let background: FeatureMatrix
    /// The mean prediction over the background rows.
    public let expectedValue: Double
    /// Enumerate every coalition when at most this many features vary (2^limit coalitions).
    public var exactFeatureLimit: Int
    /// The number of sampled coalitions when there are more features (default `2·M + 2048`).
    public var sampleCount: Int?
    /// The seed of the coalition sampler.
    public var seed: UInt64

    /// - Throws: ``ExplainError`` `.emptyData` for an empty background, `.featureCountMismatch` when its
    ///   width differs from the model's feature count.
    public init(model: any PredictiveModel, background: FeatureMatrix, exactFeatureLimit: Int = 12,
                sampleCount: Int? = nil, seed: UInt64 = 0) throws {
        guard background.rowCount > 0 else { throw ExplainError(.emptyData, "the background set has no rows") }
        guard background.columnCount == model.featureNames.count else {
            throw ExplainError(.featureCountMismatch,
                             "background has \(background.columnCount) columns, model has \(model.featureNames.count) features")
        }
        self.model = model
        self.background = background
        self.exactFeatureLimit = exactFeatureLimit
        self.sampleCount = sampleCount
        self.seed = seed
        let predictions = model.predict(background)
        expectedValue = predictions.reduce(0, +) / Double(predictions.count)
    }

    /// The SHAP values of every row of `matrix`; rows are explained on all cores.
    /// - Throws: ``ExplainError`` `featureCountMismatch` when the width differs from the model's.
    public func explain(_ matrix: FeatureMatrix) throws -> ShapValues {
        guard matrix.columnCount == model.featureNames.count else {
            throw ExplainError(.featureCountMismatch,
                             "data has \(matrix.columnCount) columns, model has \(model.featureNames.count) features")
        }
        let columns = matrix.columnCount
        var values = [Double](repeating: 0, count: matrix.values.count)
        values.withUnsafeMutableBufferPointer { out in
            let out = UnsafeSendable(out)
            ConcurrentWork.forEachChunk(of: matrix.rowCount, minimumChunk: 1) { range in
                for row in range {
                    let phi = explain(row: matrix.row(row), rowIndex: row)
                    for feature in 0..<columns { out.value[row * columns + feature] = phi[feature] }
                }
            }
        }
        return ShapValues(featureNames: model.featureNames, expectedValue: expectedValue, values: values)
    }

    /// The SHAP values of one row.
    /// - Precondition: `row.count` equals the model's feature count.
    public func explain(row: [Double]) -> [Double] {
        precondition(row.count == model.featureNames.count, "row has \(row.count) values, model has \(model.featureNames.count) features")
        return explain(row: row, rowIndex: 0)
    }

    private func explain(row: [Double], rowIndex: Int) -> [Double] {
        var phi = [Double](repeating: 0, count: row.count)
        let varying = varyingFeatures(of: row)
        let gap = model.predict(row) - expectedValue
        switch varying.count {
        case 0:
            return phi
        case 1:
            phi[varying[0]] = gap
            return phi
        default:
            let coalitions = varying.count <= exactFeatureLimit
                ? KernelCoalitions.all(playerCount: varying.count)
                : KernelCoalitions.sampled(playerCount: varying.count,
                                           count: sampleCount ?? 2 * varying.count + 2048,
                                           seed: seed &+ UInt64(rowIndex))
            let values = coalitionValues(coalitions, row: row, varying: varying)
            let solved = KernelRegression.solve(coalitions: coalitions, values: values.map { $0 - expectedValue }, total: gap)
            for (slot, feature) in varying.enumerated() { phi[feature] = solved[slot] }
            return phi
        }
    }

    /// The features whose value in `row` differs from some background row (NaN equals NaN).
    private func varyingFeatures(of row: [Double]) -> [Int] {
        (0..<row.count).filter { feature in
            (0..<background.rowCount).contains { reference in
                let value = background[reference, feature]
                return !(value == row[feature] || (value.isNaN && row[feature].isNaN))
            }
        }
    }

    /// The mean prediction over the background for each coalition (members take the row's values).
    private func coalitionValues(_ coalitions: KernelCoalitions, row: [Double], varying: [Int]) -> [Double] {
        let width = row.count
        let references = background.rowCount
        let batch = max(1, 4096 / references)
        var result: [Double] = []
        result.reserveCapacity(coalitions.count)
        var start = 0
        while start < coalitions.count {
            let end = min(start + batch, coalitions.count)
            var values = [Double]()
            values.reserveCapacity((end - start) * references * width)
            for coalition in start..<end {
                for reference in 0..<references {
                    let base = values.count
                    values.append(contentsOf: background.values[reference * width ..< (reference + 1) * width])
                    for (slot, feature) in varying.enumerated() where coalitions.contains(coalition, slot) {
                        values[base + feature] = row[feature]
                    }
                }
            }
            let mixed = FeatureMatrix(names: background.names, values: values,
                                      caseIDs: [String](repeating: "", count: (end - start) * references))
            let predictions = model.predict(mixed)
            for coalition in 0..<(end - start) {
                let slice = predictions[coalition * references ..< (coalition + 1) * references]
                result.append(slice.reduce(0, +) / Double(references))
            }
            start = end
        }
        return result
    }
}
