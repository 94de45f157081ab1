import Discovery
import XCTest

final class ProcessTreeTextTests: XCTestCase {
    func testPrintsAndParsesPM4PySyntax() throws {
        let text = "->( 'a', X( tau, 'b' ), +( 'c', *( 'd', tau ) ) )"
        let tree = try ProcessTree(pm4pyText: text)
        XCTAssertEqual(tree, .sequence([
            .activity("a"),
            .exclusiveChoice([.silent, .activity("b")]),
            .parallel([.activity("c"), .loop([.activity("d"), .silent])]),
        ]))
        XCTAssertEqual(tree.pm4pyText, text)
    }

    func testLabelsWithQuotesAndBackslashesRoundTrip() throws {
        let tree = ProcessTree.sequence([.activity("it's"), .activity("a\\b"), .activity("ünïcode, (x)")])
        XCTAssertEqual(tree.pm4pyText, "->( 'it\\'s', 'a\\\\b', 'ünïcode, (x)' )")
        XCTAssertEqual(try ProcessTree(pm4pyText: tree.pm4pyText), tree)
    }

    func testAcceptsWhitespaceLineBreaksTauSymbolAndEmptyOperators() throws {
        XCTAssertEqual(try ProcessTree(pm4pyText: "\n X(\n\t'a' ,τ)\n"), .exclusiveChoice([.activity("a"), .silent]))
        XCTAssertEqual(try ProcessTree(pm4pyText: "->(  )"), .sequence([]))
        XCTAssertEqual(try ProcessTree(pm4pyText: "'solo'"), .activity("solo"))
    }

    func testParseErrorsCarryLineAndColumn() {
        let cases: [(String, Int, Int)] = [
            ("->( 'a', 'b'", 1, 13),
            ("->( 'a' 'b' )", 1, 9),
            ("->( 'a',\n  Y( 'b' ) )", 2, 3),
            ("X( 'unterminated )", 1, 4),
            ("", 1, 1),
            ("'a' 'b'", 1, 5),
            ("O( 'a', 'b' )", 1, 1),
        ]
        for (text, line, column) in cases {
            XCTAssertThrowsError(try ProcessTree(pm4pyText: text), text) { error in
                guard let error = error as? DiscoveryError else { return XCTFail("untyped error for \(text)") }
                XCTAssertEqual(error.code, .invalidProcessTree, text)
                XCTAssertEqual(error.location.line, line, text)
                XCTAssertEqual(error.location.column, column, text)
            }
        }
    }

    func testFoldingFlattensAndRemovesRedundantSilentSteps() throws {
        let tree = try ProcessTree(pm4pyText: "->( tau, ->( 'a', +( tau, 'b' ) ), X( tau, X( tau, 'c' ) ), *( tau, tau ), X( 'd' ) )")
        XCTAssertEqual(tree.folded.pm4pyText, "->( 'a', 'b', X( tau, 'c' ), 'd' )")
        XCTAssertEqual(try ProcessTree(pm4pyText: "+( tau, tau )").folded, .silent)
        XCTAssertEqual(try ProcessTree(pm4pyText: "*( 'a', tau )").folded.pm4pyText, "*( 'a', tau )")
    }

    func testCanonicalFormIgnoresOrderOfChoiceAndParallelChildrenOnly() throws {
        let one = try ProcessTree(pm4pyText: "->( X( 'b', 'a' ), +( 'd', ->( 'e', 'f' ) ) )")
        let two = try ProcessTree(pm4pyText: "->( X( 'a', 'b' ), +( ->( 'e', 'f' ), 'd' ) )")
        let swappedSequence = try ProcessTree(pm4pyText: "->( X( 'a', 'b' ), +( ->( 'f', 'e' ), 'd' ) )")
        XCTAssertEqual(one.canonical, two.canonical)
        XCTAssertNotEqual(one.canonical, swappedSequence.canonical)
    }

    func testPM4PyOrderSortsByLabelDigestSums() throws {
        // md5("a") = 0cc175b9..., md5("b") = 92eb5ffe..., md5("c") = 4a8a08f0...: ascending a, c, b.
        let tree = try ProcessTree(pm4pyText: "X( 'b', 'c', 'a', tau )")
        XCTAssertEqual(tree.pm4pyOrdered.pm4pyText, "X( tau, 'a', 'c', 'b' )")
    }
}
