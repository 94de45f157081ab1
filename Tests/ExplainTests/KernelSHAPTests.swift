import EventLog
import Explain
import XCTest

/// A nonlinear host model with interactions.
private struct InteractionModel: PredictiveModel {
    let featureNames: [String]
    func predict(_ row: [Double]) -> Double {
        var value = row[0] * row[1] + sin(row[2]) + 3 * row[3]
        for index in 4..<row.count { value += Double(index) * 0.1 * row[index] * row[index - 1] }
        return value
    }
}

/// A linear model: its interventional SHAP values are `w_j (x_j − mean background x_j)`.
private struct LinearModel: PredictiveModel {
    let weights: [Double]
    var featureNames: [String] { weights.indices.map { "x\($0)" } }
    func predict(_ row: [Double]) -> Double { zip(weights, row).reduce(0.5) { $0 + $1.0 * $1.1 } }
}

final class KernelSHAPTests: XCTestCase {
    private func randomRows(_ count: Int, width: Int, seed: UInt64) -> [[Double]] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<width).map { _ in generator.unit() * 4 - 2 } }
    }

    func testExactEnumerationEqualsBruteForceShapley() throws {
        let model = InteractionModel(featureNames: (0..<6).map { "f\($0)" })
        let backgroundRows = randomRows(5, width: 6, seed: 1)
        let explainer = try KernelSHAP(model: model, background: .numbered(model.featureNames, rows: backgroundRows))
        for row in randomRows(4, width: 6, seed: 2) {
            let exact = BruteForceShapley.interventional(model, row, background: backgroundRows)
            let kernel = explainer.explain(row: row)
            for feature in 0..<6 { XCTAssertEqual(kernel[feature], exact[feature], accuracy: 1e-9) }
            XCTAssertEqual(kernel.reduce(explainer.expectedValue, +), model.predict(row), accuracy: 1e-9)
        }
    }

    func testSamplingIsExactForLinearModelsAndReproducible() throws {
        let weights = (0..<16).map { Double($0) - 7.5 }
        let model = LinearModel(weights: weights)
        let backgroundRows = randomRows(3, width: 16, seed: 3)
        let explainer = try KernelSHAP(model: model, background: .numbered(model.featureNames, rows: backgroundRows),
                                       sampleCount: 400, seed: 9)
        let row = randomRows(1, width: 16, seed: 4)[0]
        let phi = explainer.explain(row: row)
        for feature in 0..<16 {
            let mean = backgroundRows.map { $0[feature] }.reduce(0, +) / 3
            XCTAssertEqual(phi[feature], weights[feature] * (row[feature] - mean), accuracy: 1e-8)
        }
        XCTAssertEqual(explainer.explain(row: row), phi)
    }

    func testSamplingApproximatesExactValuesForNonlinearModels() throws {
        let model = InteractionModel(featureNames: (0..<13).map { "f\($0)" })
        let backgroundRows = randomRows(2, width: 13, seed: 5)
        let background = FeatureMatrix.numbered(model.featureNames, rows: backgroundRows)
        let sampled = try KernelSHAP(model: model, background: background, exactFeatureLimit: 8, sampleCount: 6000, seed: 1)
        let row = randomRows(1, width: 13, seed: 6)[0]
        let exact = BruteForceShapley.interventional(model, row, background: backgroundRows)
        let phi = sampled.explain(row: row)
        for feature in 0..<13 { XCTAssertEqual(phi[feature], exact[feature], accuracy: 0.05) }
        XCTAssertEqual(phi.reduce(sampled.expectedValue, +), model.predict(row), accuracy: 1e-9)
    }

    func testTreeModelsAgreeWithInterventionalTreeSHAPAndConstantFeaturesGetZero() throws {
        let model = try TreeSHAPTests.tinyModel()
        let backgroundRows: [[Double]] = [[0.2, 0.5, 0.3], [2.5, 3, -1], [1, 0, 0.3]]
        let background = FeatureMatrix.numbered(model.featureNames, rows: backgroundRows)
        let kernel = try KernelSHAP(model: model, background: background)
        let tree = try InterventionalTreeSHAP(model, background: background)
        XCTAssertEqual(kernel.expectedValue, tree.expectedValue, accuracy: 1e-12)
        let matrix = FeatureMatrix.numbered(model.featureNames, rows: TreeSHAPTests.rows)
        let fromKernel = try kernel.explain(matrix)
        let fromTree = try tree.explain(matrix)
        for (index, row) in TreeSHAPTests.rows.enumerated() {
            let exact = BruteForceShapley.interventional(model, row, background: backgroundRows)
            for feature in 0..<3 {
                XCTAssertEqual(fromKernel[index, feature], exact[feature], accuracy: 1e-9)
                XCTAssertEqual(fromTree[index, feature], exact[feature], accuracy: 1e-9)
            }
        }
        let constant = try KernelSHAP(model: model, background: .numbered(model.featureNames, rows: [[1, 2, 3]]))
        XCTAssertEqual(constant.explain(row: [1, 5, 3])[0], 0)
        XCTAssertThrowsError(try KernelSHAP(model: model, background: .numbered(["a"], rows: [[1]]))) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .featureCountMismatch)
        }
    }
}
