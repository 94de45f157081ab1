import Discovery
import Foundation
import TracewiseTestSupport
import XCTest

final class PNMLTests: XCTestCase {
    /// What PM4Py 2.7.23 reports for every shared PNML file, obtained with
    /// `net, im, fm = pm4py.read_pnml(path)` and printing: place count, transition count, silent transitions
    /// (label None), arc count, initial and final marking by place id, distinct visible labels.
    static let pm4pyFacts: [(path: String, places: Int, transitions: Int, silent: Int, arcs: Int,
                             initial: [String: Int], final: [String: Int], labels: Int)] = [
        ("reference/02_teleclaims/im.pnml", 29, 43, 32, 88, ["source": 1], ["sink": 1], 11),
        ("reference/02_teleclaims/imf.pnml", 25, 35, 24, 72, ["source": 1], ["sink": 1], 11),
        ("reference/03_repairExample/im.pnml", 20, 27, 19, 58, ["source": 1], ["sink": 1], 8),
        ("reference/03_repairExample/imf.pnml", 17, 21, 13, 46, ["source": 1], ["sink": 1], 8),
        ("reference/06_bpic2013_closed/im.pnml", 16, 19, 15, 44, ["source": 1], ["sink": 1], 4),
        ("reference/06_bpic2013_closed/imf.pnml", 11, 15, 11, 30, ["source": 1], ["sink": 1], 4),
        ("reference/08_receipt/im.pnml", 45, 74, 47, 158, ["source": 1], ["sink": 1], 27),
        ("reference/08_receipt/imf.pnml", 47, 69, 42, 146, ["source": 1], ["sink": 1], 27),
        ("reference/12_roadtraffic_1t_per_variant/im.pnml", 29, 34, 23, 82, ["source": 1], ["sink": 1], 11),
        ("reference/12_roadtraffic_1t_per_variant/imf.pnml", 24, 26, 15, 64, ["source": 1], ["sink": 1], 11),
        ("reference/13_SEPSIS_1t_per_variant/im.pnml", 39, 50, 34, 116, ["source": 1], ["sink": 1], 16),
        ("reference/13_SEPSIS_1t_per_variant/imf.pnml", 27, 32, 19, 76, ["source": 1], ["sink": 1], 13),
        ("reference/14_Billing_1t_per_variant/im.pnml", 53, 81, 63, 174, ["source": 1], ["sink": 1], 18),
        ("reference/14_Billing_1t_per_variant/imf.pnml", 49, 68, 53, 150, ["source": 1], ["sink": 1], 15),
        ("reference/bpic2012/im.pnml", 54, 78, 54, 174, ["source": 1], ["sink": 1], 24),
        ("reference/bpic2012/imf.pnml", 39, 61, 37, 134, ["source": 1], ["sink": 1], 24),
        ("reference/running-example/im.pnml", 9, 10, 2, 22, ["source": 1], ["sink": 1], 8),
        ("reference/running-example/imf.pnml", 9, 10, 2, 22, ["source": 1], ["sink": 1], 8),
        ("datasets/receipt_one_variant.pnml", 6, 5, 0, 10, ["source": 1], ["sink": 1], 5),
        ("datasets/roadtraffic.pnml", 29, 34, 23, 84, ["source": 1], ["sink": 1], 11),
        ("datasets/running-example.pnml", 9, 10, 2, 22, ["n1": 1], ["n2": 1], 8),
    ]

    func testEverySharedNetLoadsWithPM4PysPlacesTransitionsAndMarkings() throws {
        for fact in Self.pm4pyFacts {
            let document = try PNMLReader().read(contentsOf: try SharedData.require(fact.path))
            let net = document.net
            XCTAssertEqual(net.places.count, fact.places, fact.path)
            XCTAssertEqual(net.transitions.count, fact.transitions, fact.path)
            XCTAssertEqual(net.transitions.filter(\.isSilent).count, fact.silent, fact.path)
            XCTAssertEqual(net.arcs.count, fact.arcs, fact.path)
            XCTAssertEqual(Set(net.transitions.compactMap(\.label)).count, fact.labels, fact.path)
            XCTAssertEqual(byID(net.initialMarking, net), fact.initial, fact.path)
            XCTAssertEqual(byID(net.finalMarking, net), fact.final, fact.path)
            XCTAssertFalse(document.finalMarkingInferred, fact.path)
        }
    }

    func testExportReimportsToTheSameNet() throws {
        for fact in Self.pm4pyFacts {
            let net = try PNMLReader().read(contentsOf: try SharedData.require(fact.path)).net
            let again = try PNMLReader().read(string: PNMLWriter().string(for: net)).net
            XCTAssertEqual(again.places, net.places, fact.path)
            XCTAssertEqual(again.transitions, net.transitions, fact.path)
            XCTAssertEqual(again.arcs, net.arcs, fact.path)
            XCTAssertEqual(again.initialMarking, net.initialMarking, fact.path)
            XCTAssertEqual(again.finalMarking, net.finalMarking, fact.path)
        }
    }

    func testReadsProMSilentTransitionsWeightsAndLatin1() throws {
        let text = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <pnml><net id="n"><page id="p"><page id="inner">
          <place id="i"><name><text>start</text></name><initialMarking><text>2</text></initialMarking></place>
          <place id="o"><name><text>caf\u{E9}</text></name></place>
          <transition id="t1"><name><text>a &amp; b</text></name></transition>
          <transition id="t2"><name><text>tau</text></name><toolspecific tool="ProM" version="6.4" activity="$invisible$"/></transition>
          <arc id="x1" source="i" target="t1"><inscription><text>2</text></inscription></arc>
          <arc id="x2" source="t1" target="o"/><arc id="x3" source="i" target="t2"/><arc id="x4" source="t2" target="o"/>
        </page></page></net></pnml>
        """
        let latin1 = Array(text.unicodeScalars.map { UInt8($0.value) })
        let document = try PNMLReader().read(bytes: latin1)
        let net = document.net
        XCTAssertEqual(net.places.map(\.name), ["start", "caf\u{E9}"])
        XCTAssertEqual(net.transitions.map(\.label), ["a & b", nil])
        XCTAssertEqual(net.transitions[1].name, "tau")
        XCTAssertEqual(net.arcs.map(\.weight), [2, 1, 1, 1])
        XCTAssertEqual(net.initialMarking, [0: 2])
        XCTAssertTrue(document.finalMarkingInferred)
        XCTAssertEqual(net.finalMarking, [1: 1])
        let again = try PNMLReader().read(string: PNMLWriter().string(for: net)).net
        XCTAssertEqual(again.arcs.map(\.weight), [2, 1, 1, 1])
        XCTAssertEqual(again.transitions.map(\.label), ["a & b", nil])
    }

    func testKeepsEveryDeclaredFinalMarking() throws {
        let document = try PNMLReader().read(string: """
        <pnml><net id="n"><page id="p"><place id="a"/><place id="b"/><transition id="t"/>
        <arc id="1" source="a" target="t"/><arc id="2" source="t" target="b"/></page>
        <finalmarkings><marking><place idref="b"><text>1</text></place></marking>
        <marking><place idref="a"><text>1</text></place><place idref="b"><text>0</text></place></marking></finalmarkings>
        </net></pnml>
        """)
        XCTAssertEqual(document.finalMarkings, [[1: 1], [0: 1]])
        XCTAssertEqual(document.net.finalMarking, [1: 1])
        XCTAssertEqual(document.net.transitions[0].label, "t")
    }

    func testMalformedXMLReportsLineAndColumn() {
        assertError("<pnml>\n  <net id=\"n\">\n    <place id=\"p\">\n  </net>\n</pnml>", .malformedXML, line: 4, column: 3)
        assertError("<pnml>\n<net id=\"n\" id=\"m\"/></pnml>", .malformedXML, line: 2, column: 13)
        assertError("<pnml><net>\n  <place id=\"p\"><name><text>a &nbsp; b</text></name></place></net></pnml>",
                    .malformedXML, line: 2, column: 31)
        assertError("<pnml>\n  <net id=\"n\">", .malformedXML, line: 2, column: 3)
        assertError("", .malformedXML, line: 1, column: 1)
    }

    func testInvalidPNMLReportsTheElement() {
        assertError("<petrinet/>", .notPNML, line: 1, column: 1)
        assertError("<pnml><net id=\"n\"><page id=\"g\">\n<place id=\"p\"/>\n  <arc id=\"a\" source=\"p\" target=\"missing\"/>\n</page></net></pnml>",
                    .invalidPNML, line: 3, column: 3)
        assertError("<pnml><net id=\"n\">\n<place id=\"p\"/><place id=\"p\"/></net></pnml>", .invalidPNML, line: 2, column: 16)
        assertError("<pnml><net id=\"n\">\n<place id=\"p\"><initialMarking><text>x</text></initialMarking></place></net></pnml>",
                    .invalidPNML, line: 2, column: 15)
        assertError("<pnml><net id=\"n\"><place id=\"p\"/><transition id=\"t\"/>\n<arc id=\"a\" source=\"p\" target=\"t\"><arctype><text>inhibitor</text></arctype></arc></net></pnml>",
                    .unsupportedPNML, line: 2, column: 1)
        assertError("<pnml><net id=\"n\"><place id=\"p\"/><place id=\"q\"/>\n<arc id=\"a\" source=\"p\" target=\"q\"/></net></pnml>",
                    .invalidPNML, line: 2, column: 1)
    }

    func testMissingFileIsATypedError() {
        XCTAssertThrowsError(try PNMLReader().read(contentsOf: URL(fileURLWithPath: "/nonexistent/x.pnml"))) { error in
            XCTAssertEqual((error as? DiscoveryError)?.code, .fileNotFound)
        }
    }

    func testWriterEscapesAndMakesIDsUnique() throws {
        var net = PetriNet(name: "n<1>")
        let p = net.addPlace(id: "x"), q = net.addPlace(id: "x")
        let t = net.addTransition(id: "", label: "say \"hi\" & <go>")
        net.addArc(from: .place(p), to: .transition(t), weight: 3)
        net.addArc(from: .transition(t), to: .place(q))
        net.initialMarking = [p: 1]
        net.finalMarking = [q: 1]
        let again = try PNMLReader().read(string: PNMLWriter().string(for: net)).net
        XCTAssertEqual(again.name, "n<1>")
        XCTAssertEqual(Set(again.places.map(\.id)).count, 2)
        XCTAssertEqual(again.transitions[0].label, "say \"hi\" & <go>")
        XCTAssertEqual(again.arcs.map(\.weight), [3, 1])
        XCTAssertEqual(again.initialMarking, [0: 1])
        XCTAssertEqual(again.finalMarking, [1: 1])
    }

    private func byID(_ marking: PetriNet.Marking, _ net: PetriNet) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: marking.map { (net.places[$0.key].id, $0.value) })
    }

    private func assertError(_ text: String, _ code: DiscoveryError.Code, line: Int, column: Int,
                             file: StaticString = #filePath, sourceLine: UInt = #line) {
        XCTAssertThrowsError(try PNMLReader().read(string: text), file: file, line: sourceLine) { error in
            guard let error = error as? DiscoveryError else { return XCTFail("not a DiscoveryError: \(error)", file: file, line: sourceLine) }
            XCTAssertEqual(error.code, code, error.description, file: file, line: sourceLine)
            XCTAssertEqual(error.location.line, line, error.description, file: file, line: sourceLine)
            XCTAssertEqual(error.location.column, column, error.description, file: file, line: sourceLine)
        }
    }
}
