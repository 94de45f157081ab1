import Explain
import Foundation
import TracewiseTestSupport
import XCTest

/// shap's TreeExplainer values on the BPIC 2012 XGBoost model, reproduced exactly.
final class TreeSHAPOracleTests: XCTestCase {
    func testShapValuesEqualShapOnBPIC2012() throws {
        let model = try TreeEnsemble(contentsOfXGBoostJSON: SharedData.require("reference/shap-bpic2012/model.json"))
        let data = try FeatureCSV(contentsOf: SharedData.require("reference/shap-bpic2012/X.csv"))
        let oracle = try FeatureCSV(contentsOf: SharedData.require("reference/shap-bpic2012/shap_values.csv"))
        let expectedText = try String(contentsOf: SharedData.require("reference/shap-bpic2012/expected_value.txt"), encoding: .utf8)
        let expectedValue = try XCTUnwrap(Double(expectedText.trimmingCharacters(in: .whitespacesAndNewlines)))

        let shap = try TreeSHAP(model).explain(data.matrix)
        XCTAssertEqual(oracle.rowIDs, data.rowIDs)
        XCTAssertEqual(oracle.matrix.names, data.matrix.names)
        XCTAssertEqual(shap.values.count, oracle.matrix.values.count)
        XCTAssertEqual(shap.expectedValue, expectedValue, accuracy: 1e-4)

        var worst = 0.0
        var worstAt = (row: 0, feature: 0)
        for (index, value) in shap.values.enumerated() {
            let difference = abs(value - oracle.matrix.values[index])
            if difference > worst {
                worst = difference
                worstAt = (index / shap.featureNames.count, index % shap.featureNames.count)
            }
        }
        print("TreeSHAP vs shap: \(shap.rowCount) rows, max |difference| \(worst) at row \(worstAt.row) feature \(shap.featureNames[worstAt.feature])")
        XCTAssertLessThan(worst, 1e-4)

        // SHAP values add up exactly to the double-precision margin; XGBoost's float32 sum differs from it
        // by float32 rounding only.
        let exact = model.exactMargins(data.matrix)
        let xgboost = model.predict(data.matrix)
        var worstRelative = 0.0
        var worstAgainstFloat32 = 0.0
        for row in 0..<shap.rowCount {
            let reconstructed = shap.reconstructedPrediction(row: row)
            worstRelative = max(worstRelative, abs(reconstructed - exact[row]) / max(abs(exact[row]), 1e-12))
            worstAgainstFloat32 = max(worstAgainstFloat32, abs(reconstructed - xgboost[row]))
        }
        print("TreeSHAP additivity: max relative error \(worstRelative) (double margins), max absolute \(worstAgainstFloat32) (XGBoost float32 margins)")
        XCTAssertLessThan(worstAgainstFloat32, 1e-4)
        XCTAssertLessThan(worstRelative, 1e-6)
    }
}
