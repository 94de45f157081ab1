import Discovery

/// A lower bound on the remaining alignment cost that respects the order of the trace, for one trace.
///
/// The marking equation ignores the order of events: a trace whose events the net can produce, but not
/// in that order, gets a bound near zero (loops absorb every count), and A* then explores every state
/// below the optimal cost. This bound looks at order only. From state `(M, i)`, the events the
/// completion synchronizes form a subsequence `j₁ < j₂ < …` of `σ[i...]` whose labels fire in this
/// order in one run from `M`, so `λ(σ_{j₁}) ∈ E(M)` and each next label can follow the previous one
/// (``EventualLabels``). Every other event is a log move. With `w_j = max(0, logCost_j − min sync cost
/// of its label)` the saving of synchronizing event `j`, the completion costs at least
///
///     Σ_{j ≥ i} logCost_j − max over such chains of Σ w_j
///
/// and the best chain starting at each event is found once per trace by dynamic programming. The model
/// moves of the completion are disjoint from those log and synchronous moves and fire a path from `M` to
/// the final marking, so they cost at least `d(M)`, the cheapest silent cost of such a path with visible
/// steps free (``ReachabilityGraph/distances(to:weight:)``); the bound adds it (and is infinite where
/// the final marking is unreachable).
///
/// The bound is consistent: a log move of cost `c` keeps every chain of the next state (`h` drops by at
/// most `c`); a synchronous move on event `i` extends the next state's best chain by `i`, since the
/// fired label is in `E(M)` and the labels that can follow it include `E(M')`; a model move only shrinks
/// `E`; and `d(M) ≤ w(t) + d(M')` for every step. Hence the maximum of it and the marking-equation bound
/// is consistent too.
///
/// ``estimate(node:position:)`` returns the larger of this bound and ``SegmentBound`` (when the net's
/// tables for it are small enough to build), which is consistent as well, and so is the maximum.
struct OrderingBound {
    /// What the bound needs from the net, computed once per net and cost function.
    struct NetFacts: Sendable {
        let graph: ReachabilityGraph
        let labels: EventualLabels
        /// Per reachable marking: `d(M)`.
        let silentDistance: [Int]
        /// Per label code: the cheapest synchronous move on it.
        let minimumSyncCost: [Int]
        /// The steps out of reachable marking `m` are `successorTransition[k]` to `successorTarget[k]` for `k`
        /// in `successorStart[m] ..< successorStart[m + 1]` (for ``ReachabilityProductSearch``).
        let successorStart: [Int32]
        let successorTransition: [Int32]
        let successorTarget: [Int32]
        /// The reachable marking that is the final marking, or nil when the final marking is unreachable.
        let finalNode: Int?
        /// The net's part of ``SegmentBound`` (nil when its tables would be too large).
        let segments: SegmentBound.NetFacts?

        /// Nil when the net has too many reachable markings to list.
        init?(net: CompiledNet, modelCost: [Int], syncCost: [Int]) {
            guard let graph = ReachabilityGraph(net: net) else { return nil }
            self.graph = graph
            labels = EventualLabels(graph: graph, net: net)
            silentDistance = graph.distances(to: net.finalMarking, weight: (0..<net.transitionCount).map { t in
                net.label[t] < 0 ? modelCost[t] : 0
            })
            var minimum = Array(repeating: Int.max, count: net.labelNames.count)
            for t in 0..<net.transitionCount where net.label[t] >= 0 {
                minimum[Int(net.label[t])] = min(minimum[Int(net.label[t])], syncCost[t])
            }
            minimumSyncCost = minimum
            var start = Array(repeating: Int32(0), count: graph.markings.count + 1)
            for edge in graph.edges { start[edge.source + 1] += 1 }
            for m in 0..<graph.markings.count { start[m + 1] += start[m] }
            var fill = start
            var transition = Array(repeating: Int32(0), count: graph.edges.count)
            var target = Array(repeating: Int32(0), count: graph.edges.count)
            for edge in graph.edges {
                let k = Int(fill[edge.source])
                transition[k] = Int32(edge.transition)
                target[k] = Int32(edge.target)
                fill[edge.source] += 1
            }
            successorStart = start
            successorTransition = transition
            successorTarget = target
            finalNode = graph.state(of: net.finalMarking)
            segments = SegmentBound.NetFacts(graph: graph, net: net, modelCost: modelCost, minimumSyncCost: minimum)
        }
    }

    /// A bound above every real cost, for states from which the final marking is unreachable.
    static let unreachable = 1 << 48

    private let facts: NetFacts
    /// Σ of log-move costs of the events at positions ≥ i.
    private let remainingLogCost: [Int]
    /// The distinct known labels of the trace.
    private let distinct: [Int32]
    /// `suffixBest[i * distinct.count + d]`: the best chain saving starting at an event at position ≥ i
    /// with label `distinct[d]`.
    private let suffixBest: [Int]
    private let segments: SegmentBound?

    init(facts: NetFacts, trace: [Int32], logCosts: [Int]) {
        self.facts = facts
        segments = facts.segments.map { SegmentBound(facts: $0, trace: trace, logCosts: logCosts) }
        let labels = facts.labels
        let minimumSyncCost = facts.minimumSyncCost
        let n = trace.count
        var remaining = Array(repeating: 0, count: n + 1)
        for j in stride(from: n - 1, through: 0, by: -1) { remaining[j] = remaining[j + 1] + logCosts[j] }
        remainingLogCost = remaining
        var best = Array(repeating: 0, count: n)
        for j in stride(from: n - 1, through: 0, by: -1) where trace[j] >= 0 {
            var after = 0
            for k in j + 1..<n where trace[k] >= 0 && best[k] > after && labels.canFollow(trace[k], after: trace[j]) {
                after = best[k]
            }
            best[j] = max(0, logCosts[j] - minimumSyncCost[Int(trace[j])]) + after
        }
        var distinct: [Int32] = []
        for code in trace where code >= 0 && !distinct.contains(code) { distinct.append(code) }
        self.distinct = distinct
        let d = distinct.count
        var suffixBest = Array(repeating: 0, count: (n + 1) * d)
        for j in stride(from: n - 1, through: 0, by: -1) {
            for k in 0..<d { suffixBest[j * d + k] = suffixBest[(j + 1) * d + k] }
            if trace[j] >= 0, let k = distinct.firstIndex(of: trace[j]) {
                suffixBest[j * d + k] = max(suffixBest[j * d + k], best[j])
            }
        }
        self.suffixBest = suffixBest
    }

    /// The bound at position `position` from `marking` (reached by the search, hence reachable).
    func estimate(marking: ArraySlice<Int32>, position: Int) -> Int {
        guard let node = facts.graph.state(of: marking) else { return 0 }
        return estimate(node: node, position: position)
    }

    /// The larger of this bound and ``SegmentBound`` at position `position` from the reachable marking with
    /// index `node`.
    func estimate(node: Int, position: Int) -> Int {
        let ordering = orderingEstimate(node: node, position: position)
        guard let segments, ordering < OrderingBound.unreachable else { return ordering }
        return max(ordering, segments.estimate(node: node, position: position))
    }

    private func orderingEstimate(node: Int, position: Int) -> Int {
        let tail = facts.silentDistance[node]
        guard tail != Int.max else { return OrderingBound.unreachable }
        let d = distinct.count
        var saving = 0
        for k in 0..<d where suffixBest[position * d + k] > saving && facts.labels.canOccur(distinct[k], from: node) {
            saving = suffixBest[position * d + k]
        }
        return remainingLogCost[position] - saving + tail
    }
}
