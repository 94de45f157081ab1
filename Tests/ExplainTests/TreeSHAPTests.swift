import Explain
import XCTest

final class TreeSHAPTests: XCTestCase {
    /// A depth-3 tree over 3 features that splits twice on feature 0 along one path.
    static func tinyModel() throws -> TreeEnsemble {
        // node: 0: f0<0.5 → 1,2 | 1: f1<1 → 3,4 | 2: f0<2 → 5,6 | 5: f2<0 → 7,8 ; leaves 3,4,6,7,8
        let first = TreeEnsemble.Tree(
            splitFeatures: [0, 1, 0, -1, -1, 2, -1, -1, -1],
            thresholds: [0.5, 1, 2, 0, 0, 0, 0, 0, 0],
            leftChildren: [1, 3, 5, -1, -1, 7, -1, -1, -1],
            rightChildren: [2, 4, 6, -1, -1, 8, -1, -1, -1],
            defaultLeft: [true, false, true, false, false, false, false, false, false],
            leafValues: [0, 1.5, -2, 0, 0, 0, 4, 0.25, -1],
            covers: [100, 40, 60, 10, 30, 35, 25, 20, 15])
        let second = TreeEnsemble.Tree(
            splitFeatures: [2, -1, 1, -1, -1],
            thresholds: [0.5, 0, 3, 0, 0],
            leftChildren: [1, -1, 3, -1, -1],
            rightChildren: [2, -1, 4, -1, -1],
            defaultLeft: [false, false, true, false, false],
            leafValues: [0, 0.5, 0, -0.75, 2],
            covers: [100, 45, 55, 50, 5])
        return try TreeEnsemble(featureNames: ["a", "b", "c"], baseMargin: 0.3, trees: [first, second])
    }

    static let rows: [[Double]] = [[0, 0, 0], [1, 2, -1], [3, 0.5, 1], [.nan, 5, 0.7], [1.5, .nan, .nan], [0.5, 1, 0.5]]

    func testTablesAndRecursionEqualBruteForceShapley() throws {
        let model = try Self.tinyModel()
        let tabulated = TreeSHAP(model)
        let recursive = TreeSHAP(model, maxTabulatedPathFeatures: 0)
        XCTAssertEqual(tabulated.expectedValue, BruteForceShapley.pathDependentValue(model, Self.rows[0], known: []), accuracy: 1e-12)
        for row in Self.rows {
            let exact = BruteForceShapley.pathDependent(model, row)
            let fast = tabulated.explain(row: row)
            let slow = recursive.explain(row: row)
            for feature in 0..<3 {
                XCTAssertEqual(fast[feature], exact[feature], accuracy: 1e-12, "row \(row) feature \(feature)")
                XCTAssertEqual(slow[feature], exact[feature], accuracy: 1e-12, "row \(row) feature \(feature)")
            }
            XCTAssertEqual(fast.reduce(tabulated.expectedValue, +), model.predict(row), accuracy: 1e-12)
        }
    }

    func testMatrixExplanationMatchesRowsAndRejectsWrongWidth() throws {
        let model = try Self.tinyModel()
        let explainer = TreeSHAP(model)
        let matrix = FeatureMatrix.numbered(["a", "b", "c"], rows: Self.rows)
        let shap = try explainer.explain(matrix)
        XCTAssertEqual(shap.rowCount, Self.rows.count)
        for (index, row) in Self.rows.enumerated() {
            XCTAssertEqual(shap.row(index), explainer.explain(row: row))
        }
        let narrow = FeatureMatrix.numbered(["a"], values: [1, 2])
        XCTAssertThrowsError(try explainer.explain(narrow)) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .featureCountMismatch)
        }
        let decoded = try JSONDecoder().decode(ShapValues.self, from: JSONEncoder().encode(shap))
        XCTAssertEqual(decoded.expectedValue, shap.expectedValue)
        XCTAssertEqual(decoded.featureNames, shap.featureNames)
    }

    func testTrainedModelTablesRecursionAndInterventionalAgree() throws {
        let (features, targets) = try GradientBoostingTests.synthetic(rows: 600, seed: 11)
        let model = try GradientBoostingTrainer(GradientBoostingParameters(treeCount: 15, maxDepth: 5))
            .fit(features, targets: targets)
        let sample = features.selectingRows(Array(0..<40))
        let fast = try TreeSHAP(model).explain(sample)
        let slow = try TreeSHAP(model, maxTabulatedPathFeatures: 0).explain(sample)
        for index in fast.values.indices { XCTAssertEqual(fast.values[index], slow.values[index], accuracy: 1e-10) }
        XCTAssertEqual(fast.expectedValue, slow.expectedValue)

        let background = features.selectingRows(Array(100..<108))
        let interventional = try InterventionalTreeSHAP(model, background: background).explain(sample)
        let kernel = try KernelSHAP(model: model, background: background).explain(sample)
        XCTAssertEqual(interventional.expectedValue, kernel.expectedValue, accuracy: 1e-12)
        for index in interventional.values.indices {
            XCTAssertEqual(interventional.values[index], kernel.values[index], accuracy: 1e-9)
        }
        let margins = model.predict(sample)
        for row in 0..<sample.rowCount {
            XCTAssertEqual(interventional.reconstructedPrediction(row: row), margins[row], accuracy: 1e-9)
        }
    }
}
