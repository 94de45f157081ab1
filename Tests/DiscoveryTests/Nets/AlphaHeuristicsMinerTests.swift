import Discovery
import EventLog
import XCTest

/// Expected structures were obtained with PM4Py 2.7.23 (`pm4py.discover_petri_net_alpha(log)` and
/// `pm4py.discover_petri_net_heuristics(log)` with default parameters on `running-example.xes`, read with
/// `return_legacy_log_object=True`), listing each place as (input labels → output labels) for Alpha and
/// counts plus visible transitions' (label, in-degree, out-degree) for the Heuristics miner.
final class AlphaHeuristicsMinerTests: XCTestCase {
    func testAlphaMatchesPM4PyOnTheRunningExample() {
        let net = AlphaMiner().discover(from: NetsFixtures.runningExample)
        XCTAssertEqual(net.places.count, 7)
        XCTAssertEqual(net.transitions.count, 8)
        XCTAssertEqual(net.arcs.count, 19)
        XCTAssertEqual(NetSignatures.places(net), [
            [] + ["->"] + ["register request"],
            ["check ticket", "->", "decide"],
            ["decide", "->", "pay compensation", "reinitiate request", "reject request"],
            ["examine casually", "examine thoroughly", "->", "decide"],
            ["pay compensation", "reject request", "->"],
            ["register request", "reinitiate request", "->", "check ticket"],
            ["register request", "reinitiate request", "->", "examine casually", "examine thoroughly"],
        ])
        let report = net.soundness()
        XCTAssertEqual(report.verdict, .sound, "\(report.problems)")
    }

    func testAlphaOnTextbookLogWithParallelism() {
        // L1 = [<a,b,c,d>, <a,c,b,d>, <a,e,d>]: places ({a},{b,e}), ({a},{c,e}), ({b,e},{d}), ({c,e},{d}).
        let log = NetsFixtures.log([["a", "b", "c", "d"], ["a", "c", "b", "d"], ["a", "e", "d"]])
        let net = AlphaMiner().discover(from: log)
        XCTAssertEqual(NetSignatures.places(net), [
            ["->", "a"], ["a", "->", "b", "e"], ["a", "->", "c", "e"], ["b", "e", "->", "d"], ["c", "e", "->", "d"],
            ["d", "->"],
        ])
    }

    func testHeuristicsMatchesPM4PyOnTheRunningExample() {
        let net = HeuristicsMiner().discover(from: NetsFixtures.runningExample)
        XCTAssertEqual(net.places.count, 13)
        XCTAssertEqual(net.transitions.count, 15)
        XCTAssertEqual(net.transitions.filter(\.isSilent).count, 7)
        XCTAssertEqual(net.arcs.count, 35)
        XCTAssertEqual(net.initialMarking.map { net.places[$0.key].id }, ["source0"])
        XCTAssertEqual(net.finalMarking.map { net.places[$0.key].id }, ["sink0"])
        let degrees = NetSignatures.visibleDegrees(net)
        XCTAssertEqual(degrees.count, 8)
        XCTAssertTrue(degrees.allSatisfy { $0.in == 1 && $0.out == 1 }, "\(degrees)")
    }

    func testHeuristicsNetMeasures() {
        let log = NetsFixtures.log(Array(repeating: ["a", "b", "c", "d"], count: 5)
            + Array(repeating: ["a", "c", "b", "d"], count: 5) + [["a", "e", "e", "d"]])
        let heuristics = HeuristicsMiner().heuristicsNet(from: log)
        let name = { (code: Int) in heuristics.activityNames[code] }
        let arcs = Set(heuristics.arcs.map { "\(name($0.source))>\(name($0.target))" })
        XCTAssertEqual(arcs, ["a>b", "a>c", "b>d", "c>d", "a>e", "e>e", "e>d"])
        let ab = heuristics.arcs.first { name($0.source) == "a" && name($0.target) == "b" }!
        XCTAssertEqual(ab.dependency, 5.0 / 6.0, accuracy: 1e-12)
        let ee = heuristics.arcs.first { name($0.source) == "e" && name($0.target) == "e" }!
        XCTAssertEqual(ee.dependency, 0.5, accuracy: 1e-12)
        let a = heuristics.nodes.first { name($0) == "a" }!
        // AND measure of b, c after a: (5 + 5) / (5 + 5 + 1) ≥ 0.65.
        XCTAssertEqual(heuristics.andSplits[a]?.map { [name($0.first), name($0.second)] }, [["b", "c"]])
        let net = heuristics.petriNet()
        XCTAssertEqual(net.soundness().verdict, .sound)
    }

    func testHeuristicsFindsLengthTwoLoops() {
        let log = NetsFixtures.log(Array(repeating: ["a", "b", "c", "b", "c", "d"], count: 4) + [["a", "b", "c", "d"]])
        let heuristics = HeuristicsMiner().heuristicsNet(from: log)
        let name = { (code: Int) in heuristics.activityNames[code] }
        let loopArcs = heuristics.arcs.filter { $0.dependency == 0 }.map { "\(name($0.source))>\(name($0.target))" }
        XCTAssertEqual(Set(loopArcs), ["b>c", "c>b"])
    }
}
