import Discovery
import Foundation
import TracewiseTestSupport
import XCTest

final class ProcessTreePetriNetTests: XCTestCase {
    func testNetIsAWorkflowNetWithSourceAndSinkMarkings() throws {
        let net = try ProcessTree(pm4pyText: "->( 'a', +( 'b', *( 'c', tau ) ), X( tau, 'd' ) )").petriNet
        let source = try XCTUnwrap(net.places.firstIndex { $0.id == "source" })
        let sink = try XCTUnwrap(net.places.firstIndex { $0.id == "sink" })
        XCTAssertEqual(net.initialMarking, [source: 1])
        XCTAssertEqual(net.finalMarking, [sink: 1])
        XCTAssertFalse(net.arcs.contains { $0.target == .place(source) })
        XCTAssertFalse(net.arcs.contains { $0.source == .place(sink) })
        XCTAssertEqual(Set(net.transitions.compactMap(\.label)), ["a", "b", "c", "d"])
        for p in net.places.indices where p != source && p != sink {
            XCTAssertTrue(net.arcs.contains { $0.target == .place(p) }, "place \(p) has no input")
            XCTAssertTrue(net.arcs.contains { $0.source == .place(p) }, "place \(p) has no output")
        }
    }

    func testSimpleReductionRemovesRedundantSilentTransitions() throws {
        let net = try ProcessTree(pm4pyText: "->( 'a', X( tau, 'b' ) )").petriNet
        XCTAssertEqual(net.transitions.count, 3)
        XCTAssertEqual(net.places.count, 3)
    }

    /// Our nets of PM4Py's trees accept exactly the log traces and perturbed traces PM4Py's nets accept.
    func testNetsAgreeWithPM4PyNetsOnLogTracesAndPerturbations() throws {
        for (_, reference) in SharedData.referenceLogs where reference != "bpic2012" {
            for name in ["im", "imf"] {
                let treeText = try String(contentsOf: try SharedData.require("reference/\(reference)/\(name).tree.txt"), encoding: .utf8)
                let ours = ProcessTreeLanguage(.sequence([try ProcessTree(pm4pyText: treeText), .activity("#"), .activity("#")]))
                let theirs = try PNMLReader().read(contentsOf: try SharedData.require("reference/\(reference)/\(name).pnml")).net
                let theirsNet = NetLanguage(theirs)
                let summary = try SharedData.json("reference/\(reference)/summary.json")
                let variants = try XCTUnwrap(summary["variants"] as? [[Any]]).prefix(60).map { $0[0] as! [String] }
                for trace in variants + variants.map({ Array($0.dropLast()) }) + variants.map({ Array($0.reversed()) }) {
                    XCTAssertEqual(ours.accepts(trace + ["#", "#"]), theirsNet.accepts(trace), "\(reference) \(name) \(trace)")
                }
            }
        }
    }
}
