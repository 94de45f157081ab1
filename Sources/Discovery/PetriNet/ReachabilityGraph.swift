/// The reachability graph of a marked Petri net, explored breadth-first up to a state limit.
///
/// ``status`` says whether the exploration is complete, stopped because the net is unbounded (a reachable
/// marking strictly covers one of its ancestors, so the firing sequence between them can repeat forever),
/// or stopped at the state limit. Markings are dense token vectors indexed by place, held in one flat array
/// with an open-addressing index, so exploring and looking up a marking allocate nothing per state.
///
/// The package's one exploration of reachable markings: soundness checking uses it through
/// ``PetriNet/reachabilityGraph(stateLimit:)`` and Conformance's alignment bounds through the same type.
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

    /// The explored markings by state (state 0 is the initial marking): `markings[s][p]` is the number of
    /// tokens on place `p` in state `s`.
    public struct Markings: RandomAccessCollection, Hashable, Sendable {
        /// Places per marking.
        public let placeCount: Int
        /// Every marking's token counts, one after the other.
        public let tokens: [Int]
        public let endIndex: Int

        public var startIndex: Int { 0 }

        public subscript(state: Int) -> ArraySlice<Int> {
            tokens[state * placeCount ..< (state + 1) * placeCount]
        }
    }

    /// Reachable markings found; state 0 is the initial marking.
    public let markings: Markings
    /// Every firing between explored states, by source state, then transition.
    public let edges: [Edge]
    public let status: Status
    /// The edges into state `s` are `edges[incoming[k]]` for `k` in `incomingStart[s] ..< incomingStart[s + 1]`.
    package let incomingStart: [Int]
    package let incoming: [Int]
    /// Open-addressing index of the markings: state number, or -1 for an empty slot.
    private let slots: [Int32]

    public var isComplete: Bool { status == .complete }

    /// The largest token count any place holds in any explored marking.
    public var bound: Int { markings.tokens.max() ?? 0 }

    /// The state whose marking is `marking`, or nil when it was not explored.
    public func state(of marking: [Int]) -> Int? {
        lookUp(hash: Self.hash(marking)) { markings[$0].elementsEqual(marking) }
    }

    /// The state whose marking is `marking` (token counts as `Int32`, as the alignment search keeps them).
    package func state(of marking: ArraySlice<Int32>) -> Int? {
        lookUp(hash: Self.hash(marking)) { state in
            markings[state].elementsEqual(marking) { $0 == Int($1) }
        }
    }

    public static func == (lhs: ReachabilityGraph, rhs: ReachabilityGraph) -> Bool {
        lhs.markings == rhs.markings && lhs.edges == rhs.edges && lhs.status == rhs.status
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(markings)
        hasher.combine(edges)
        hasher.combine(status)
    }

    /// Explores the markings reachable from `initialMarking` breadth-first, with transitions given as CSR
    /// presets and postsets (`preStart[t] ..< preStart[t + 1]` indexes `prePlace` and `preWeight`). With
    /// `detectsUnboundedness` a new marking that strictly covers an ancestor on its discovery path stops the
    /// exploration as `.unbounded`; without it an unbounded net runs into `stateLimit`.
    ///
    /// - Complexity: O(states × transitions × places), plus the ancestor check of each new state.
    package init(placeCount: Int, initialMarking: [Int], transitionCount: Int,
                 preStart: [Int], prePlace: [Int], preWeight: [Int],
                 postStart: [Int], postPlace: [Int], postWeight: [Int],
                 stateLimit: Int, detectsUnboundedness: Bool) {
        let places = placeCount
        var tokens = initialMarking
        var count = 1
        var parent = detectsUnboundedness ? [-1] : []
        var slots = Array(repeating: Int32(-1), count: 1024)
        slots[Self.hash(tokens[0..<places]) & (slots.count - 1)] = 0
        var edges: [Edge] = []
        var status = Status.complete
        var next = Array(repeating: 0, count: places)
        var head = 0
        explore: while head < count {
            let base = head * places
            transitions: for t in 0..<transitionCount {
                for k in preStart[t]..<preStart[t + 1] where tokens[base + prePlace[k]] < preWeight[k] {
                    continue transitions
                }
                for p in 0..<places { next[p] = tokens[base + p] }
                for k in preStart[t]..<preStart[t + 1] { next[prePlace[k]] -= preWeight[k] }
                for k in postStart[t]..<postStart[t + 1] { next[postPlace[k]] += postWeight[k] }
                let mask = slots.count - 1
                var slot = Self.hash(next) & mask
                var found = -1
                while slots[slot] >= 0 {
                    let candidate = Int(slots[slot])
                    if tokens[candidate * places ..< (candidate + 1) * places].elementsEqual(next) {
                        found = candidate
                        break
                    }
                    slot = (slot + 1) & mask
                }
                if found < 0 {
                    if detectsUnboundedness,
                       let unbounded = Self.strictlyCoveredAncestor(of: next, from: head, tokens, places, parent) {
                        status = .unbounded(places: unbounded)
                        break explore
                    }
                    guard count < stateLimit else {
                        status = .stateLimitReached(limit: stateLimit)
                        break explore
                    }
                    found = count
                    count += 1
                    tokens.append(contentsOf: next)
                    if detectsUnboundedness { parent.append(head) }
                    slots[slot] = Int32(found)
                    if 2 * count > slots.count {
                        slots = Self.table(tokens, places: places, count: count, size: 2 * slots.count)
                    }
                }
                edges.append(Edge(source: head, transition: t, target: found))
            }
            head += 1
        }
        var start = Array(repeating: 0, count: count + 1)
        for edge in edges { start[edge.target + 1] += 1 }
        for s in 0..<count { start[s + 1] += start[s] }
        var fill = start
        var incoming = Array(repeating: 0, count: edges.count)
        for (e, edge) in edges.enumerated() {
            incoming[fill[edge.target]] = e
            fill[edge.target] += 1
        }
        markings = Markings(placeCount: places, tokens: tokens, endIndex: count)
        self.edges = edges
        self.status = status
        incomingStart = start
        self.incoming = incoming
        self.slots = slots
    }

    private func lookUp(hash: Int, _ matches: (Int) -> Bool) -> Int? {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 {
            let candidate = Int(slots[slot])
            if matches(candidate) { return candidate }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The places where `marking` exceeds an ancestor on its discovery path that it covers, if any.
    private static func strictlyCoveredAncestor(of marking: [Int], from state: Int, _ tokens: [Int], _ places: Int,
                                                _ parent: [Int]) -> [Int]? {
        var ancestor = state
        while ancestor >= 0 {
            let old = tokens[ancestor * places ..< (ancestor + 1) * places]
            if zip(old, marking).allSatisfy({ $0 <= $1 }) {
                return (0..<places).filter { old[old.startIndex + $0] < marking[$0] }
            }
            ancestor = parent[ancestor]
        }
        return nil
    }

    private static func hash<C: Collection>(_ marking: C) -> Int where C.Element: BinaryInteger {
        var mixed: UInt64 = 0xCBF2_9CE4_8422_2325
        for tokens in marking { mixed = (mixed ^ UInt64(truncatingIfNeeded: tokens)) &* 0x1000_0000_01B3 }
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed & 0x7FFF_FFFF_FFFF_FFFF)
    }

    private static func table(_ tokens: [Int], places: Int, count: Int, size: Int) -> [Int32] {
        var slots = Array(repeating: Int32(-1), count: size)
        for m in 0..<count {
            var slot = hash(tokens[m * places ..< (m + 1) * places]) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(m)
        }
        return slots
    }
}

extension PetriNet {
    /// The default number of states explored before giving up.
    public static let defaultStateLimit = 100_000

    /// Explores the markings reachable from `initialMarking`.
    ///
    /// - Complexity: O(states × transitions × places) plus the ancestor check of each new state.
    public func reachabilityGraph(stateLimit: Int = PetriNet.defaultStateLimit) -> ReachabilityGraph {
        var initial = Array(repeating: 0, count: places.count)
        for (p, tokens) in initialMarking { initial[p] = tokens }
        let (preStart, prePlace, preWeight) = Self.compressed(presets)
        let (postStart, postPlace, postWeight) = Self.compressed(postsets)
        return ReachabilityGraph(placeCount: places.count, initialMarking: initial, transitionCount: transitions.count,
                                 preStart: preStart, prePlace: prePlace, preWeight: preWeight,
                                 postStart: postStart, postPlace: postPlace, postWeight: postWeight,
                                 stateLimit: stateLimit, detectsUnboundedness: true)
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


    /// Presets or postsets in CSR form: `start[t] ..< start[t + 1]` indexes `place` and `weight`.
    private static func compressed(_ sets: [[WeightedPlace]]) -> (start: [Int], place: [Int], weight: [Int]) {
        var start = [0], place: [Int] = [], weight: [Int] = []
        for set in sets {
            for arc in set {
                place.append(arc.place)
                weight.append(arc.weight)
            }
            start.append(place.count)
        }
        return (start, place, weight)
    }
}
