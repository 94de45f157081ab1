import Explain
import Foundation
import TracewiseTestSupport
import XCTest

final class XGBoostImportTests: XCTestCase {
    /// XGBoost's own margins on BPIC 2012 features, reproduced within 1e-5.
    func testPredictionsEqualXGBoostOnBPIC2012() throws {
        let model = try TreeEnsemble(contentsOfXGBoostJSON: SharedData.require("reference/shap-bpic2012/model.json"))
        let data = try FeatureCSV(contentsOf: SharedData.require("reference/shap-bpic2012/X.csv"))
        let expected = try FeatureCSV(contentsOf: SharedData.require("reference/shap-bpic2012/predictions.csv"))
        XCTAssertEqual(model.treeCount, 100)
        XCTAssertEqual(model.featureNames.count, data.matrix.columnCount)
        XCTAssertEqual(expected.rowIDs, data.rowIDs)
        let margins = model.predict(data.matrix)
        var worst = 0.0
        for (index, margin) in margins.enumerated() {
            worst = max(worst, abs(margin - expected.matrix.values[index]))
        }
        print("XGBoost predictions: \(margins.count) rows, max |difference| \(worst)")
        XCTAssertLessThan(worst, 1e-5)
        XCTAssertEqual(model.predict(data.matrix.row(7)), margins[7])
    }

    func testFloat32ThresholdSplitsDoublesLikeXGBoost() throws {
        for threshold: Float in [0.1, 0.5, 1, 7, 20.5, -3.3, 1e-30, 12345.678] {
            let boundary = float32SplitThreshold(threshold)
            for x in [boundary.nextDown, boundary, boundary.nextUp, Double(threshold), Double(threshold.nextDown)] {
                XCTAssertEqual(x < boundary, Float(x) < threshold, "x \(x) threshold \(threshold)")
            }
        }
    }

    func testBaseScoreAndObjectiveForms() throws {
        let logistic = try TreeEnsemble(xgboostJSON: Data(Self.document(objective: "binary:logistic", baseScore: "[2.5E-1]").utf8))
        XCTAssertEqual(logistic.baseMargin, Double(-logf(3)), accuracy: 1e-7)
        XCTAssertEqual(logistic.outputTransform, .sigmoid)
        XCTAssertEqual(logistic.predict([0]), logistic.baseMargin - 1, accuracy: 1e-7)
        XCTAssertEqual(logistic.predict([2]), logistic.baseMargin + 2, accuracy: 1e-7)
        XCTAssertEqual(logistic.predict([.nan]), logistic.baseMargin + 2, accuracy: 1e-7)
        let plain = try TreeEnsemble(xgboostJSON: Data(Self.document(objective: "reg:squarederror", baseScore: "0.5").utf8))
        XCTAssertEqual(plain.baseMargin, 0.5)
        XCTAssertEqual(plain.featureNames, ["f0"])
    }

    func testTypedErrorsForBadModels() {
        XCTAssertThrowsError(try TreeEnsemble(xgboostJSON: Data("{\"learner\": 3}".utf8))) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .invalidModel)
        }
        XCTAssertThrowsError(try TreeEnsemble(xgboostJSON: Data(Self.document(objective: "multi:softprob", baseScore: "0.5").utf8))) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .unsupportedModel)
        }
        XCTAssertThrowsError(try TreeEnsemble(contentsOfXGBoostJSON: URL(fileURLWithPath: "/nonexistent/model.json"))) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .fileNotFound)
        }
    }

    /// One tree: `f0 < 1` → -1 else 2, missing goes right.
    static func document(objective: String, baseScore: String) -> String {
        """
        {"learner": {"feature_names": [], "learner_model_param": {"base_score": "\(baseScore)", "num_class": "0",
         "num_feature": "1", "num_target": "1"}, "objective": {"name": "\(objective)"},
         "gradient_booster": {"name": "gbtree", "model": {"trees": [{"split_indices": [0, 0, 0],
         "split_conditions": [1.0, -1.0, 2.0], "left_children": [1, -1, -1], "right_children": [2, -1, -1],
         "default_left": [0, 0, 0], "sum_hessian": [10, 4, 6], "split_type": [0, 0, 0],
         "base_weights": [0, -1, 2]}]}}}}
        """
    }
}
