import Discovery

/// A lower bound on the remaining alignment cost that charges the model moves forced between the events
/// the completion synchronizes, for one trace.
///
/// From state `(M, i)` a completion synchronizes a subsequence `j₁ < … < j_k` of `σ[i...]` (its chain) and
/// makes a log move on every other event. Its run of the net splits at the synchronized transitions into
/// segments made of model moves only, each paid in full (silent or visible): from `M` to a marking that
/// enables a transition labelled `λ(σ_{j₁})`, from the marking after that transition to one that enables
/// `λ(σ_{j₂})`, …, and from the marking after the last one to the final marking. With, on the reachability
/// graph and the model-move costs,
///
/// - `D(M, b)`: the cheapest path from `M` to a marking enabling a `b`-labelled transition,
/// - `D(a, b)`: the minimum of `D(M', b)` over the steps `M —t→ M'` with `λ(t) = a`,
/// - `F(M)`: the cheapest path from `M` to the final marking, `F(a)` its minimum over `a`-steps,
///
/// the completion costs at least
///
///     Σ_{j ∉ chain} logCost_j + Σ_{j ∈ chain} minSync(λ_j) + D(M, λ_{j₁}) + Σ D(λ_{j_m}, λ_{j_{m+1}}) + F(λ_{j_k})
///
/// (`Σ_{j ≥ i} logCost_j + F(M)` for the empty chain), and the bound is the minimum of this over all chains,
/// found per trace by dynamic programming from the end. Infinite terms mark orders no run can follow.
///
/// Admissible: an optimal completion's own chain and segments give a term no larger than its cost.
/// Consistent: a log move on event `i` of cost `c` turns every chain of `(M, i + 1)` into one of `(M, i)`
/// costing `c` more; a model move `M —t→ M'` of cost `c` gives `D(M, b) ≤ c + D(M', b)` and
/// `F(M) ≤ c + F(M')` (shortest paths); a synchronous move by `t` on event `i` from `M` to `M'` prepends `i`
/// to the best chain of `(M', i + 1)`: `D(M, λ_i) = 0` since `t` is enabled, `minSync(λ_i) ≤ syncCost(t)`,
/// and `D(λ_i, b) ≤ D(M', b)`, `F(λ_i) ≤ F(M')` because `M —t→ M'` is a `λ_i`-step. So `h(s) ≤ c + h(s')`
/// for every move, and the maximum of this bound and the other consistent bounds is consistent too.
///
/// Where ``OrderingBound`` sees only whether one label can follow another in some run, this one also sees
/// what it costs: a trace that needs a second pass through a loop whose body cannot complete silently gets
/// the price of the visible model moves that pass requires.
struct SegmentBound {
    /// What the bound needs from the net, computed once per net and cost function on its reachability graph.
    struct NetFacts: Sendable {
        let nodes: Int
        let labels: Int
        /// `toEnabling[b * nodes + m]`: `D(m, b)`.
        let toEnabling: [Int]
        /// `toFinal[m]`: `F(m)`.
        let toFinal: [Int]
        /// `between[a * labels + b]`: `D(a, b)`.
        let between: [Int]
        /// `afterToFinal[a]`: `F(a)`.
        let afterToFinal: [Int]
        /// Per label code: the cheapest synchronous move on it.
        let minimumSyncCost: [Int]

        /// The largest `markings × labels` the tables are built for.
        static let maximumEntries = 1 << 22

        /// Nil when the tables would exceed ``maximumEntries``.
        init?(graph: ReachabilityGraph, net: CompiledNet, modelCost: [Int], minimumSyncCost: [Int]) {
            let nodes = graph.markings.count
            let labels = net.labelNames.count
            guard nodes * max(labels, 1) <= Self.maximumEntries else { return nil }
            self.nodes = nodes
            self.labels = labels
            self.minimumSyncCost = minimumSyncCost
            var enabling = Array(repeating: [Int](), count: labels)
            for edge in graph.edges where net.label[edge.transition] >= 0 {
                let b = Int(net.label[edge.transition])
                if enabling[b].last != edge.source { enabling[b].append(edge.source) }
            }
            var toEnabling: [Int] = []
            toEnabling.reserveCapacity(nodes * labels)
            for b in 0..<labels { toEnabling += graph.distances(toAnyOf: enabling[b], weight: modelCost) }
            self.toEnabling = toEnabling
            toFinal = graph.distances(to: net.finalMarking, weight: modelCost)
            var between = Array(repeating: Int.max, count: labels * labels)
            var afterToFinal = Array(repeating: Int.max, count: labels)
            for edge in graph.edges where net.label[edge.transition] >= 0 {
                let a = Int(net.label[edge.transition])
                for b in 0..<labels {
                    between[a * labels + b] = min(between[a * labels + b], toEnabling[b * nodes + edge.target])
                }
                afterToFinal[a] = min(afterToFinal[a], toFinal[edge.target])
            }
            self.between = between
            self.afterToFinal = afterToFinal
        }
    }

    /// Stands for an infinite cost in sums (far below `Int.max`, so sums of two never overflow).
    private static let infinity = Int.max / 4

    private let facts: NetFacts
    /// Σ of log-move costs of the events at positions ≥ i.
    private let remainingLogCost: [Int]
    /// The distinct known labels of the trace.
    private let distinct: [Int]
    /// `suffix[i * distinct.count + d]`: the minimum over events `k ≥ i` labelled `distinct[d]` of
    /// `minSync + best(k) − remainingLogCost[k]`, where `best(k)` is the cheapest chain cost after
    /// synchronizing event `k` (log moves after `k` included).
    private let suffix: [Int]

    init(facts: NetFacts, trace: [Int32], logCosts: [Int]) {
        self.facts = facts
        let n = trace.count
        let infinity = Self.infinity
        var remaining = Array(repeating: 0, count: n + 1)
        for j in stride(from: n - 1, through: 0, by: -1) { remaining[j] = remaining[j + 1] + logCosts[j] }
        remainingLogCost = remaining
        var distinct: [Int] = []
        var column = Array(repeating: -1, count: facts.labels)
        for code in trace where code >= 0 && column[Int(code)] < 0 {
            column[Int(code)] = distinct.count
            distinct.append(Int(code))
        }
        self.distinct = distinct
        let d = distinct.count
        var suffix = Array(repeating: infinity, count: (n + 1) * d)
        for k in stride(from: n - 1, through: 0, by: -1) {
            for c in 0..<d { suffix[k * d + c] = suffix[(k + 1) * d + c] }
            guard trace[k] >= 0 else { continue }
            let a = Int(trace[k])
            var after = Self.clamped(facts.afterToFinal[a])
            for c in 0..<d {
                after = min(after, Self.clamped(facts.between[a * facts.labels + distinct[c]]) + suffix[(k + 1) * d + c])
            }
            let best = min(infinity, remaining[k + 1] + after)
            let entry = min(infinity, Self.clamped(facts.minimumSyncCost[a]) + best - remaining[k])
            suffix[k * d + column[a]] = min(suffix[k * d + column[a]], entry)
        }
        self.suffix = suffix
    }

    private static func clamped(_ cost: Int) -> Int { min(cost, infinity) }

    /// The bound at position `position` from the reachable marking with index `node`
    /// (``OrderingBound/unreachable`` when no completion exists).
    func estimate(node: Int, position: Int) -> Int {
        let d = distinct.count
        var cheapest = Self.clamped(facts.toFinal[node])
        for c in 0..<d {
            let toFirst = facts.toEnabling[distinct[c] * facts.nodes + node]
            if toFirst < Self.infinity { cheapest = min(cheapest, toFirst + suffix[position * d + c]) }
        }
        guard cheapest < Self.infinity else { return OrderingBound.unreachable }
        return remainingLogCost[position] + cheapest
    }
}
