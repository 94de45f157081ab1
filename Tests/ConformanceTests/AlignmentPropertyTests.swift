import Conformance
import Discovery
import XCTest

/// On random small nets and traces, both A* searches — over the reachability graph with the ordering bounds,
/// and over markings with the marking-equation heuristic — find the same optimal cost as an exhaustive
/// Dijkstra search over the same synchronous product, and their moves form a valid run.
final class AlignmentPropertyTests: XCTestCase {
    func testAStarCostEqualsExhaustiveDijkstra() throws {
        try checkAgainstDijkstra(usesReachabilityProduct: true)
    }

    func testMarkingEquationSearchCostEqualsExhaustiveDijkstra() throws {
        try checkAgainstDijkstra(usesReachabilityProduct: false)
    }

    private func checkAgainstDijkstra(usesReachabilityProduct: Bool) throws {
        var random = RandomNets(seed: 42)
        var compared = 0
        for _ in 0..<60 {
            let net = random.net()
            var exhaustive = Alignments(stateLimit: 200_000)
            exhaustive.usesHeuristic = false
            var guided = Alignments(stateLimit: 200_000)
            guided.usesReachabilityProduct = usesReachabilityProduct
            for _ in 0..<5 {
                let trace = random.trace()
                let expected = try exhaustive.align(trace: trace, on: net)
                let actual = try guided.align(trace: trace, on: net)
                guard expected.status == .optimal else { continue }
                XCTAssertEqual(actual.status, .optimal, "\(trace)")
                let alignment = try XCTUnwrap(actual.alignment)
                XCTAssertEqual(alignment.cost, expected.alignment?.cost, "\(trace) on \(net.transitions.map { $0.label ?? "τ" })")
                try assertValidRun(alignment, trace: trace, net: net)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 250)
    }

    func testCustomCostsAgreeWithDijkstra() throws {
        try checkCustomCosts(usesReachabilityProduct: true)
        try checkCustomCosts(usesReachabilityProduct: false)
    }

    private func checkCustomCosts(usesReachabilityProduct: Bool) throws {
        var random = RandomNets(seed: 7)
        let costs = AlignmentCosts(logMove: 3, visibleModelMove: 2, silentModelMove: 0, synchronousMove: 1,
                                   logMoveByActivity: ["a": 7])
        for _ in 0..<30 {
            let net = random.net()
            var exhaustive = Alignments(costs: costs, stateLimit: 200_000)
            exhaustive.usesHeuristic = false
            var guided = Alignments(costs: costs, stateLimit: 200_000)
            guided.usesReachabilityProduct = usesReachabilityProduct
            let trace = random.trace()
            let expected = try exhaustive.align(trace: trace, on: net)
            guard expected.status == .optimal else { continue }
            let actual = try guided.align(trace: trace, on: net)
            XCTAssertEqual(actual.alignment?.cost, expected.alignment?.cost, "\(trace)")
        }
    }

    private func assertValidRun(_ alignment: Alignment, trace: [String], net: PetriNet) throws {
        var marking = Array(repeating: 0, count: net.places.count)
        for (p, n) in net.initialMarking { marking[p] += n }
        let index = Dictionary(uniqueKeysWithValues: net.transitions.enumerated().map { ($1.id, $0) })
        let presets = net.presets, postsets = net.postsets
        var consumed: [String] = []
        for move in alignment.moves {
            if move.kind != .model { consumed.append(try XCTUnwrap(move.activity)) }
            guard move.kind != .log, let id = move.transition, let t = index[id] else { continue }
            if move.kind == .synchronous { XCTAssertEqual(net.transitions[t].label, move.activity) }
            for input in presets[t] {
                XCTAssertGreaterThanOrEqual(marking[input.place], input.weight, "transition \(id) fired while not enabled")
                marking[input.place] -= input.weight
            }
            for output in postsets[t] { marking[output.place] += output.weight }
        }
        XCTAssertEqual(consumed, trace)
        var final = Array(repeating: 0, count: net.places.count)
        for (p, n) in net.finalMarking { final[p] += n }
        XCTAssertEqual(marking, final)
        XCTAssertEqual(alignment.moves.reduce(0) { $0 + $1.cost }, alignment.cost)
    }
}
