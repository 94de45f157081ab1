import Explain
import Foundation
import XCTest

/// Reading feature CSVs and binding their columns to a model's features, as `tracewise shap` does.
final class XGBoostFeatureTableTests: XCTestCase {
    func testReadsIdsQuotedNamesAndMissingValues() throws {
        let table = try FeatureCSV(csv: Data("id,\"a,1\",b\r\nx,1.5,\ny,NaN,-2e3\n".utf8))
        XCTAssertEqual(table.rowIDs, ["x", "y"])
        XCTAssertEqual(table.matrix.names, ["a,1", "b"])
        XCTAssertEqual(table.matrix[0, 0], 1.5)
        XCTAssertTrue(table.matrix[0, 1].isNaN)
        XCTAssertTrue(table.matrix[1, 0].isNaN)
        XCTAssertEqual(table.matrix[1, 1], -2000)
        let reread = try FeatureCSV(csv: Data(table.csvText().utf8))
        XCTAssertEqual(reread.matrix.names, table.matrix.names)
        XCTAssertEqual(reread.rowIDs, table.rowIDs)
    }

    func testNonNumericCellNamesLineColumnAndField() {
        XCTAssertThrowsError(try FeatureCSV(csv: Data("id,a,b\n1,2,3\n2,4,oops\n".utf8))) { error in
            let error = error as? ExplainError
            XCTAssertEqual(error?.code, .nonNumericCell)
            XCTAssertEqual(error?.location.line, 3)
            XCTAssertEqual(error?.location.column, 3)
            XCTAssertEqual(error?.location.field, "b")
        }
        XCTAssertThrowsError(try FeatureCSV(csv: Data("id,a\n1,2,3\n".utf8))) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .malformedCSV)
        }
    }

    func testBindsByNameOrByPosition() throws {
        let data = FeatureMatrix.numbered(["b", "a"], values: [1, 2, 3, 4])
        let byName = try FeatureBinding(model: ["a", "b"], data: data.names)
        XCTAssertEqual(byName.modelMatrix(from: data).values, [2, 1, 4, 3])
        XCTAssertEqual(byName.dataOrder([10, 20]), [20, 10])
        let byPosition = try FeatureBinding(model: ["f0", "f1"], data: data.names)
        XCTAssertEqual(byPosition.modelMatrix(from: data).values, data.values)
        XCTAssertThrowsError(try FeatureBinding(model: ["a", "b"], data: ["a", "c"])) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .unknownFeature)
            XCTAssertEqual((error as? ExplainError)?.location.field, "c")
        }
        XCTAssertThrowsError(try FeatureBinding(model: ["a", "b"], data: ["a"])) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .unknownFeature)
        }
        XCTAssertThrowsError(try FeatureBinding(model: ["f0", "f1"], data: ["a"])) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .featureCountMismatch)
        }
    }
}
