import Packs
import XCTest

final class PacksErrorTests: XCTestCase {
    func testDescriptionIncludesFile() {
        let error = PacksError(.syntaxError, "unexpected end of input", file: "finance.yaml")
        XCTAssertEqual(error.description, "finance.yaml: syntaxError: unexpected end of input")
    }
}
