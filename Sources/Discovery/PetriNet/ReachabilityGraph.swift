/// The reachability graph of a marked Petri net, explored breadth-first up to a state limit.
///
/// ``status`` says whether the exploration is complete, stopped because the net is unbounded (a reachable
/// marking strictly covers one of its ancestors, so the firing sequence between them can repeat forever),
/// or stopped at the state limit. Markings are dense token vectors indexed by place.
///
/// ```swift
/// let graph = net.reachabilityGraph(stateLimit: 10_000)
/// switch graph.status {
/// case .complete: print(graph.markings.count, "states")
/// case .unbounded(let places): print("unbounded in", places)
/// case .stateLimitReached: print("gave up after", graph.markings.count)
/// }
/// ```
public struct ReachabilityGraph: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        case complete
        /// The net is unbounded; the listed places can hold arbitrarily many tokens.
        case unbounded(places: [Int])
        case stateLimitReached(limit: Int)
    }

    /// A firing: from state `source`, transition `transition` leads to state `target`.
    public struct Edge: Hashable, Sendable {
        public let source: Int
        public let transition: Int
        public let target: Int
    }

    /// Reachable markings found; state 0 is the initial marking.
    public let markings: [[Int]]
    public let edges: [Edge]
    public let status: Status

    public var isComplete: Bool { status == .complete }

    /// The largest token count any place holds in any explored marking.
    public var bound: Int { markings.lazy.flatMap { $0 }.max() ?? 0 }
}

extension PetriNet {
    /// The default number of states explored before giving up.
    public static let defaultStateLimit = 100_000

    /// Explores the markings reachable from `initialMarking`.
    ///
    /// - Complexity: O(states × transitions × places) plus the ancestor check of each new state.
    public func reachabilityGraph(stateLimit: Int = PetriNet.defaultStateLimit) -> ReachabilityGraph {
        let pre = presets, post = postsets
        let placeCount = places.count
        var initial = Array(repeating: 0, count: placeCount)
        for (p, tokens) in initialMarking { initial[p] = tokens }
        var markings = [initial]
        var parent = [-1]
        var ids: [[Int]: Int] = [initial: 0]
        var edges: [ReachabilityGraph.Edge] = []
        var next = 0
        while next < markings.count {
            let state = next
            next += 1
            let marking = markings[state]
            for t in transitions.indices where pre[t].allSatisfy({ marking[$0.place] >= $0.weight }) {
                var successor = marking
                for input in pre[t] { successor[input.place] -= input.weight }
                for output in post[t] { successor[output.place] += output.weight }
                if let existing = ids[successor] {
                    edges.append(.init(source: state, transition: t, target: existing))
                    continue
                }
                if let places = Self.strictlyCoveredAncestor(of: successor, from: state, markings, parent) {
                    return ReachabilityGraph(markings: markings, edges: edges, status: .unbounded(places: places))
                }
                guard markings.count < stateLimit else {
                    return ReachabilityGraph(markings: markings, edges: edges, status: .stateLimitReached(limit: stateLimit))
                }
                ids[successor] = markings.count
                edges.append(.init(source: state, transition: t, target: markings.count))
                markings.append(successor)
                parent.append(state)
            }
        }
        return ReachabilityGraph(markings: markings, edges: edges, status: .complete)
    }

    /// Throws when the net is unbounded or larger than `stateLimit`; otherwise the complete graph.
    /// - Throws: ``DiscoveryError`` `.invalidNet` naming the unbounded places or the limit.
    public func completeReachabilityGraph(stateLimit: Int = PetriNet.defaultStateLimit) throws -> ReachabilityGraph {
        let graph = reachabilityGraph(stateLimit: stateLimit)
        switch graph.status {
        case .complete: return graph
        case .unbounded(let unbounded):
            let names = unbounded.map { places[$0].id }.joined(separator: ", ")
            throw DiscoveryError(.invalidNet, "the net is unbounded (places \(names) can grow without limit)")
        case .stateLimitReached(let limit):
            throw DiscoveryError(.invalidNet, "the reachability graph has more than \(limit) states")
        }
    }

    /// The places where `marking` exceeds an ancestor on its discovery path that it covers, if any.
    private static func strictlyCoveredAncestor(of marking: [Int], from state: Int, _ markings: [[Int]],
                                                _ parent: [Int]) -> [Int]? {
        var ancestor = state
        while ancestor >= 0 {
            let old = markings[ancestor]
            if zip(old, marking).allSatisfy({ $0 <= $1 }) {
                return old.indices.filter { old[$0] < marking[$0] }
            }
            ancestor = parent[ancestor]
        }
        return nil
    }
}
