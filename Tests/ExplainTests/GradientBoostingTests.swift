import EventLog
import Explain
import XCTest

final class GradientBoostingTests: XCTestCase {
    /// y = 4·[x0 > 0.5] + 2·x1, x2 is noise; x0 is missing in some rows whose y is high.
    static func synthetic(rows: Int, seed: UInt64) throws -> (FeatureMatrix, [Double]) {
        var generator = SplitMix64(seed: seed)
        var values: [Double] = []
        var targets: [Double] = []
        for row in 0..<rows {
            let x0 = generator.unit()
            let x1 = generator.unit()
            let x2 = generator.unit()
            let missing = row % 10 == 0
            values.append(contentsOf: [missing ? .nan : x0, x1, x2])
            targets.append((missing || x0 > 0.5 ? 4 : 0) + 2 * x1)
        }
        return (FeatureMatrix.numbered(["step", "slope", "noise"], values: values), targets)
    }

    func testLearnsKnownFunctionAndMissingDirection() throws {
        let (features, targets) = try Self.synthetic(rows: 2000, seed: 1)
        let parameters = GradientBoostingParameters(treeCount: 60, learningRate: 0.3, maxDepth: 4)
        let model = try GradientBoostingTrainer(parameters).fit(features, targets: targets)
        let predictions = model.predict(features)
        let mse = zip(predictions, targets).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(targets.count)
        XCTAssertLessThan(mse, 0.01)
        XCTAssertEqual(model.predict([.nan, 0.5, 0.5]), 5, accuracy: 0.2)
        XCTAssertEqual(model.predict([0.2, 0.5, 0.5]), 1, accuracy: 0.2)
        XCTAssertEqual(model.predict([0.9, 0.25, 0.1]), 4.5, accuracy: 0.2)

        let shap = try TreeSHAP(model).explain(features)
        let importance = shap.meanAbsoluteValues
        XCTAssertGreaterThan(importance[0], importance[1])
        XCTAssertGreaterThan(importance[1], 10 * importance[2])
        for row in 0..<50 {
            XCTAssertEqual(shap.reconstructedPrediction(row: row), predictions[row], accuracy: 1e-9)
        }
    }

    func testSeededSubsamplingIsDeterministic() throws {
        let (features, targets) = try Self.synthetic(rows: 500, seed: 2)
        let parameters = GradientBoostingParameters(treeCount: 20, maxDepth: 3, subsample: 0.7, seed: 42)
        let first = try GradientBoostingTrainer(parameters).fit(features, targets: targets)
        let second = try GradientBoostingTrainer(parameters).fit(features, targets: targets)
        XCTAssertEqual(first, second)
        var other = parameters
        other.seed = 43
        XCTAssertNotEqual(try GradientBoostingTrainer(other).fit(features, targets: targets), first)
    }

    func testLogisticLossSeparatesClasses() throws {
        let (features, raw) = try Self.synthetic(rows: 1000, seed: 3)
        let labels = raw.map { $0 > 3 ? 1.0 : 0.0 }
        let model = try GradientBoostingTrainer(GradientBoostingParameters(objective: .logistic, treeCount: 30, maxDepth: 3))
            .fit(features, targets: labels)
        XCTAssertEqual(model.outputTransform, .sigmoid)
        let correct = zip(model.predict(features), labels).filter { (model.output(forMargin: $0) > 0.5) == ($1 == 1) }.count
        XCTAssertGreaterThan(Double(correct) / Double(labels.count), 0.97)
    }

    func testRegularisationAndLimits() throws {
        let (features, targets) = try Self.synthetic(rows: 400, seed: 4)
        let stump = try GradientBoostingTrainer(GradientBoostingParameters(treeCount: 1, maxDepth: 1))
            .fit(features, targets: targets)
        XCTAssertEqual(stump.nodeCount, 3)
        XCTAssertEqual(stump.splitFeatures[0], 0)
        let pruned = try GradientBoostingTrainer(GradientBoostingParameters(treeCount: 3, maxDepth: 4, gamma: 1e9))
            .fit(features, targets: targets)
        XCTAssertEqual(pruned.nodeCount, 3)
        let heavy = try GradientBoostingTrainer(GradientBoostingParameters(treeCount: 3, maxDepth: 6, minChildWeight: 150))
            .fit(features, targets: targets)
        XCTAssertTrue(heavy.covers.allSatisfy { $0 >= 150 })
    }

    func testRejectsBadInput() throws {
        let (features, targets) = try Self.synthetic(rows: 10, seed: 5)
        XCTAssertThrowsError(try GradientBoostingTrainer(GradientBoostingParameters(learningRate: 0)).fit(features, targets: targets)) {
            XCTAssertEqual(($0 as? ExplainError)?.code, .invalidParameter)
        }
        XCTAssertThrowsError(try GradientBoostingTrainer().fit(features, targets: [1])) {
            XCTAssertEqual(($0 as? ExplainError)?.code, .invalidParameter)
        }
        XCTAssertThrowsError(try GradientBoostingTrainer(GradientBoostingParameters(objective: .logistic)).fit(features, targets: targets)) {
            XCTAssertEqual(($0 as? ExplainError)?.code, .invalidParameter)
        }
    }
}
