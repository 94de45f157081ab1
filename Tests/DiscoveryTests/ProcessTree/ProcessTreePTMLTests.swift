import Discovery
import Foundation
import TracewiseTestSupport
import XCTest

final class ProcessTreePTMLTests: XCTestCase {
    func testReadsTheRunningExampleWrittenByProM() throws {
        let tree = try PTMLReader().read(contentsOf: try SharedData.require("datasets/running-example.ptml"))
        let expected = try ProcessTree(pm4pyText: """
            ->( 'register request', *( ->( +( 'check ticket', X( 'examine casually', 'examine thoroughly' ) ), 'decide' ), \
            'reinitiate request' ), X( 'reject request', 'pay compensation' ) )
            """)
        XCTAssertEqual(tree.canonical, expected.canonical)
    }

    func testWriteThenReadGivesTheSameTree() throws {
        let tree = try ProcessTree(pm4pyText: "->( 'a & <b>', X( tau, 'c\"' ), *( 'd', tau ), *( 'e', 'f', 'g' ), +( 'h', 'i' ) )")
        let back = try PTMLReader().read(string: PTMLWriter().string(for: tree))
        XCTAssertEqual(back.canonical, try ProcessTree(pm4pyText: "->( 'a & <b>', X( tau, 'c\"' ), *( 'd', tau ), *( 'e', X( 'f', 'g' ) ), +( 'h', 'i' ) )").canonical)
    }

    /// Labels with line breaks and tabs survive as character references; control characters XML cannot
    /// hold are dropped rather than making the document unreadable.
    func testLabelsWithWhiteSpaceAndControlCharactersRoundTrip() throws {
        let tree = ProcessTree.sequence([.activity("line\nbreak\tand tab"), .activity("bell\u{07}here")])
        XCTAssertTrue(PTMLWriter().string(for: tree).contains("line&#10;break&#9;and tab"), PTMLWriter().string(for: tree))
        XCTAssertEqual(try PTMLReader().read(string: PTMLWriter().string(for: tree)), .sequence([.activity("line\nbreak\tand tab"), .activity("bellhere")]))
    }

    func testVisibleLoopExitBecomesASequence() throws {
        let text = """
            <ptml><processTree id="t" name="t" root="l">
            <xorLoop id="l" name=""/><manualTask id="a" name="a"/><manualTask id="b" name="b"/><manualTask id="c" name="c"/>
            <parentsNode id="1" sourceId="l" targetId="a"/><parentsNode id="2" sourceId="l" targetId="b"/>
            <parentsNode id="3" sourceId="l" targetId="c"/>
            </processTree></ptml>
            """
        XCTAssertEqual(try PTMLReader().read(string: text), .sequence([.loop([.activity("a"), .activity("b")]), .activity("c")]))
    }

    func testInvalidDocumentsGiveTypedErrorsWithPositions() {
        let badNode = "<ptml><processTree id=\"t\" root=\"x\">\n<orr id=\"x\" name=\"\"/></processTree></ptml>"
        XCTAssertThrowsError(try PTMLReader().read(string: badNode)) { error in
            let error = error as? DiscoveryError
            XCTAssertEqual(error?.code, .invalidProcessTree)
            XCTAssertEqual(error?.location.line, 2)
        }
        let dangling = "<ptml><processTree id=\"t\" root=\"x\"><xor id=\"x\" name=\"\"/><parentsNode id=\"p\" sourceId=\"x\" targetId=\"nope\"/></processTree></ptml>"
        XCTAssertThrowsError(try PTMLReader().read(string: dangling)) { XCTAssertEqual(($0 as? DiscoveryError)?.code, .invalidProcessTree) }
        XCTAssertThrowsError(try PTMLReader().read(string: "<ptml><processTree")) { XCTAssertEqual(($0 as? DiscoveryError)?.code, .malformedXML) }
    }

    /// Found by the `ptml` fuzz target: a NUL byte inside a label was read, and the writer (rightly) drops it, so
    /// the tree did not survive a round trip. XML 1.0 does not allow C0 controls other than tab, LF and CR, as
    /// bytes or as character references: the reader refuses them with their position.
    func testControlCharactersThatXMLDoesNotAllowAreRefused() {
        let tree = { (label: String) in
            "<ptml><processTree id=\"t\" root=\"a\"><manualTask id=\"a\" name=\"\(label)\"/></processTree></ptml>"
        }
        XCTAssertThrowsError(try PTMLReader().read(string: tree("examine tho\u{0}ughly"))) {
            XCTAssertEqual(($0 as? DiscoveryError)?.code, .malformedXML)
            XCTAssertEqual(($0 as? DiscoveryError)?.location.line, 1)
        }
        XCTAssertThrowsError(try PTMLReader().read(string: tree("a&#1;b"))) { XCTAssertEqual(($0 as? DiscoveryError)?.code, .malformedXML) }
        XCTAssertEqual(try PTMLReader().read(string: tree("tab\there")), .activity("tab\there"))
    }
}
