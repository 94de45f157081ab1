import Conformance
import Discovery
import TracewiseTestSupport
import XCTest

/// ETConformance precision against PM4Py's `precision_imf.json` for every reference log.
final class PrecisionOracleTests: XCTestCase {
    func testETCPrecisionMatchesPM4PyOnEveryReferenceLog() throws {
        var checked = 0
        for reference in OracleFixtures.references {
            let expected = try SharedData.json("reference/\(reference)/precision_imf.json")
            let log = try OracleFixtures.log(reference)
            let precision = try ETCPrecision().precision(of: log, on: OracleFixtures.net(reference))
            XCTAssertEqual(precision, try XCTUnwrap(expected["etc_precision"] as? Double), accuracy: 1e-9, reference)
            checked += 1
        }
        XCTAssertEqual(checked, OracleFixtures.references.count)
    }
}
