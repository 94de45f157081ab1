import Conformance
import XCTest

final class ConformanceErrorTests: XCTestCase {
    func testDescriptionNamesCodeAndMessage() {
        let error = ConformanceError(.noFinalMarking, "the net has no final marking")
        XCTAssertEqual(error.description, "noFinalMarking: the net has no final marking")
        XCTAssertEqual(error.code, .noFinalMarking)
    }
}
