import Explain
import XCTest

private struct LinearModel: PredictiveModel {
    let featureNames = ["x", "y"]
    func predict(_ row: [Double]) -> Double { 2 * row[0] + row[1] }
}

final class PredictiveModelTests: XCTestCase {
    func testHostModelsConform() {
        let model: any PredictiveModel = LinearModel()
        XCTAssertEqual(model.predict([1, 3]), 5)
        XCTAssertEqual(model.featureNames, ["x", "y"])
    }
}
