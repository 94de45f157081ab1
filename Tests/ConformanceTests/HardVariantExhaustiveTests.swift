import Conformance
import Discovery
import TracewiseTestSupport
import XCTest

/// The a42f0n20 variant PM4Py could not align within 400 s (32 events on PM4Py's synthetic `a42.pnml`): its
/// optimal cost, 30,067, is confirmed by a search that shares no code with the alignment search — Dijkstra's
/// algorithm over the synchronous product, written here, which settles every state cheaper than the goal
/// before the goal. Under the standard costs every move costs 0, 1 or 10,000, so it settles states cost by
/// cost from buckets; the net is safe, so a marking is a bit set.
///
/// It settles 3.3 million states (8 CPU s and 540 MB in a release build; `a42.pnml` has more than 2 million
/// reachable markings), so it runs in release builds only (`swift test -c release`, as CI does).
final class HardVariantExhaustiveTests: XCTestCase {
    /// The variant, as it occurs in PM4Py's `tests/input_data/synthetic_logs/a42/a42f0n20.xes.gz`.
    private let trace = ["S", "a1", "a34", "a20", "a2", "a3", "a35", "a37", "a25", "a21", "a27", "a23", "a22", "a24",
                         "a36", "a40", "a38", "a39", "a4", "a6", "a28", "a29", "a5", "a7", "a19", "E", "a4", "a5",
                         "a6", "a7", "a30", "a3"]

    func testA42F0N20VariantCostIsConfirmedByExhaustiveSearch() async throws {
        #if DEBUG
        print("SKIPPED: the exhaustive a42f0n20 proof settles 3.3 million states; run it with swift test -c release")
        throw XCTSkip("the exhaustive a42f0n20 proof runs in release builds only")
        #else
        let net = try PNMLReader().read(contentsOf: SharedData.require("datasets/a42.pnml")).net
        let aligned = try XCTUnwrap(try Alignments().align(trace: trace, on: net).alignment)
        XCTAssertEqual(aligned.cost, 30_067)
        let started = ContinuousClock.now
        let exhaustive = try XCTUnwrap(try exhaustiveCost(of: trace, on: net, atMost: 30_067))
        XCTAssertEqual(exhaustive.cost, aligned.cost)
        print("a42f0n20 variant: cost \(aligned.cost), confirmed by Dijkstra settling \(exhaustive.settled) states "
              + "in \(ContinuousClock.now - started)")
        #endif
    }

    /// A marking of a safe net with at most 192 places (one bit per place) and the events consumed.
    private struct State: Hashable {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var position = 0

        static func == (lhs: State, rhs: State) -> Bool {
            lhs.words == rhs.words && lhs.position == rhs.position
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(position)
        }

        func marks(_ place: Int) -> Bool {
            let word = place < 64 ? words.0 : place < 128 ? words.1 : words.2
            return (word >> UInt64(place % 64)) & 1 == 1
        }

        mutating func set(_ place: Int, _ marked: Bool) {
            let mask = UInt64(1) << UInt64(place % 64)
            func update(_ word: inout UInt64) { word = marked ? word | mask : word & ~mask }
            if place < 64 { update(&words.0) } else if place < 128 { update(&words.1) } else { update(&words.2) }
        }
    }

    /// The cheapest alignment cost under the standard costs (10,000 per log or visible model move, 1 per
    /// silent move, 0 per synchronous move) if it is at most `limit`, by Dijkstra's algorithm over (marking,
    /// events consumed); nil when no alignment costs that little.
    private func exhaustiveCost(of trace: [String], on net: PetriNet, atMost limit: Int) throws
        -> (cost: Int, settled: Int)? {
        try XCTSkipUnless(net.places.count <= 192, "the bit-set search handles at most 192 places")
        let presets = net.presets, postsets = net.postsets
        var start = State(), goal = State(position: trace.count)
        for (place, tokens) in net.initialMarking {
            XCTAssertEqual(tokens, 1)
            start.set(place, true)
        }
        for (place, tokens) in net.finalMarking {
            XCTAssertEqual(tokens, 1)
            goal.set(place, true)
        }
        var best: [State: Int32] = [start: 0]
        var buckets = Array(repeating: [State](), count: limit + 1)
        buckets[0].append(start)
        var settled = 0
        for cost in 0...limit {
            var next = 0
            while next < buckets[cost].count {
                let state = buckets[cost][next]
                next += 1
                guard best[state] == Int32(cost) else { continue }
                settled += 1
                if state == goal { return (cost, settled) }
                func offer(_ successor: State, _ step: Int) {
                    let reached = cost + step
                    guard reached <= limit else { return }
                    if let known = best[successor], Int(known) <= reached { return }
                    best[successor] = Int32(reached)
                    buckets[reached].append(successor)
                }
                if state.position < trace.count {
                    var logMove = state
                    logMove.position += 1
                    offer(logMove, 10_000)
                }
                for (t, transition) in net.transitions.enumerated()
                where presets[t].allSatisfy({ state.marks($0.place) && $0.weight == 1 }) {
                    var fired = state
                    for arc in presets[t] { fired.set(arc.place, false) }
                    for arc in postsets[t] {
                        guard arc.weight == 1, !fired.marks(arc.place) else {
                            XCTFail("the net is not safe")
                            return nil
                        }
                        fired.set(arc.place, true)
                    }
                    offer(fired, transition.label == nil ? 1 : 10_000)
                    if let label = transition.label, state.position < trace.count, label == trace[state.position] {
                        fired.position += 1
                        offer(fired, 0)
                    }
                }
            }
            buckets[cost] = []
        }
        return nil
    }
}
