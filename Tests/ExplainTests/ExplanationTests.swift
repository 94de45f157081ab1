import Explain
import XCTest

/// A linear model: with independent features its exact SHAP values are w·(x − mean x).
private struct Linear: PredictiveModel {
    let featureNames = ["a", "b", "group=x", "group=y"]
    func predict(_ row: [Double]) -> Double { 3 * row[0] - 1 * row[1] + 10 * row[2] }
}

final class ExplanationTests: XCTestCase {
    private let features = FeatureMatrix(names: ["a", "b", "group=x", "group=y"],
                                         rows: [[1, 0, 1, 0], [2, 4, 0, 1], [3, 2, 1, 0], [6, 2, 0, 1]],
                                         caseIDs: ["c1", "c2", "c3", "c4"])

    private func linearShap() -> ShapValues {
        let means = (0..<4).map { c in features.column(c).reduce(0, +) / 4 }
        let weights = [3.0, -1, 10, 0]
        var values: [Double] = []
        for r in 0..<4 { for c in 0..<4 { values.append(weights[c] * (features[r, c] - means[c])) } }
        let expected = Linear().predict(means)
        return ShapValues(featureNames: features.names, expectedValue: expected, values: values)
    }

    func testGlobalRanksByMeanAbsoluteSHAPWithDirection() {
        let global = GlobalExplanation(shap: linearShap(), features: features, unit: "hours", dependenceFeatures: 2)
        // mean |SHAP|: group=x 10·0.5 = 5; a 3·mean|x−3| = 3·1.5 = 4.5; b 1·1 = 1; group=y 0.
        XCTAssertEqual(global.drivers.map(\.feature), ["group=x", "a", "b", "group=y"])
        XCTAssertEqual(global.drivers[0].meanAbsoluteSHAP, 5, accuracy: 1e-12)
        XCTAssertEqual(global.drivers[1].meanAbsoluteSHAP, 4.5, accuracy: 1e-12)
        XCTAssertEqual(global.drivers[1].raisesTargetWhenHigh, true)
        XCTAssertEqual(global.drivers[2].raisesTargetWhenHigh, false)
        XCTAssertNil(global.drivers[3].raisesTargetWhenHigh)
        XCTAssertEqual(global.dependence.map(\.feature), ["group=x", "a"])
        XCTAssertEqual(global.dependence[1].featureValues, [1, 2, 3, 6])
        XCTAssertEqual(global.dependence[1].shapValues, [-6, -3, 0, 9])
    }

    func testLocalDriversAndWaterfallAddUp() {
        let shap = linearShap()
        let local = LocalExplanation(row: 3, shap: shap, features: features, top: 2)
        XCTAssertEqual(local.caseID, "c4")
        XCTAssertEqual(local.prediction, Linear().predict(features.row(3)), accuracy: 1e-9)
        XCTAssertEqual(local.up.map(\.feature), ["a"])
        XCTAssertEqual(local.up.first?.shap, 9)
        XCTAssertEqual(local.down.map(\.feature), ["group=x"])
        XCTAssertEqual(local.waterfall.map(\.label), ["a = 6", "group=x = 0"])
        XCTAssertEqual(LocalExplanation(row: 1, shap: shap, features: features, top: 1).waterfall.last?.label, "3 other features")
        XCTAssertEqual(local.waterfall.first?.start, shap.expectedValue)
        XCTAssertEqual(local.waterfall.last!.end, local.prediction, accuracy: 1e-9)
        for (a, b) in zip(local.waterfall, local.waterfall.dropFirst()) { XCTAssertEqual(a.end, b.start) }
    }

    func testSmallestChangePrefersOneChangeAndOnlyActionableFeatures() {
        let search = CounterfactualSearch(model: Linear(), reference: features, actionable: ["group", "b"])
        // c3: 3·3 − 2 + 10 = 17. Moving group x → y gives 7; b can only reach 17 − 4 + 2 = 15 (b = 4).
        let cf = search.smallestChange(row: features.row(2), caseID: "c3", below: 10)
        XCTAssertTrue(cf.reachesThreshold)
        XCTAssertEqual(cf.changes, [Counterfactual.Change(feature: "group", from: "x", to: "y")])
        XCTAssertEqual(cf.prediction, 7)
        XCTAssertEqual(cf.predictedChange, -10)
        // Below 6 needs both the group move and b = 4 (7 − 2 = 5).
        let two = search.smallestChange(row: features.row(2), caseID: "c3", below: 6)
        XCTAssertTrue(two.reachesThreshold)
        XCTAssertEqual(Set(two.changes.map(\.feature)), ["group", "b"])
        XCTAssertEqual(two.prediction, 5)
        // `a` is not actionable, so 0 is out of reach.
        let impossible = search.smallestChange(row: features.row(2), caseID: "c3", below: 0)
        XCTAssertFalse(impossible.reachesThreshold)
        XCTAssertFalse(impossible.changes.contains { $0.feature == "a" })
    }

    func testWhatIfReportsThePredictedChange() {
        let search = CounterfactualSearch(model: Linear(), reference: features, actionable: [])
        let cf = search.whatIf(row: features.row(0), caseID: "c1", setting: ["a": 2, "unknown": 1])
        XCTAssertEqual(cf.originalPrediction, 13)
        XCTAssertEqual(cf.prediction, 16)
        XCTAssertEqual(cf.changes, [Counterfactual.Change(feature: "a", from: "1", to: "2")])
    }
}
