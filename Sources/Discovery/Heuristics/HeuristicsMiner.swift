import EventLog

/// The Heuristics Miner (Weijters & Ribeiro), with PM4Py's default parameters and steps.
///
/// 1. The DFG is cleaned: an edge `a > b` is dropped when its count is below
///    `dfgNoiseThreshold × min(max edge count at a, max edge count at b)`.
/// 2. Dependency `a ⇒ b = (|a>b| - |b>a|) / (|a>b| + |b>a| + 1)` (self-loops `|a>a| / (|a>a| + 1)`); arcs
///    with dependency ≥ ``dependencyThreshold``, count ≥ ``minimumEdgeCount`` and both activities
///    occurring ≥ ``minimumActivityCount`` times form the net.
/// 3. AND measure between two successors `b, c` of `a`: `(|b>c| + |c>b|) / (|a>b| + |a>c| + 1)` ≥
///    ``andThreshold`` (and symmetrically for predecessors).
/// 4. Length-two loops: `(|aba| + |bab|) / (|aba| + |bab| + 1)` ≥ ``loopLengthTwoThreshold`` adds arcs
///    both ways between `a` and `b` when the dependency alone did not.
///
/// ```swift
/// let net = HeuristicsMiner().discover(from: log)            // a Petri net
/// let heuristics = HeuristicsMiner(dependencyThreshold: 0.9).heuristicsNet(from: log)
/// ```
public struct HeuristicsMiner: Sendable {
    public var dependencyThreshold: Double
    public var andThreshold: Double
    public var minimumActivityCount: Int
    public var minimumEdgeCount: Int
    public var dfgNoiseThreshold: Double
    public var loopLengthTwoThreshold: Double

    /// PM4Py's defaults: dependency 0.5, AND 0.65, minimum counts 1, DFG pre-cleaning 0.05, loops 0.5.
    public init(dependencyThreshold: Double = 0.5, andThreshold: Double = 0.65, minimumActivityCount: Int = 1,
                minimumEdgeCount: Int = 1, dfgNoiseThreshold: Double = 0.05, loopLengthTwoThreshold: Double = 0.5) {
        self.dependencyThreshold = dependencyThreshold
        self.andThreshold = andThreshold
        self.minimumActivityCount = minimumActivityCount
        self.minimumEdgeCount = minimumEdgeCount
        self.dfgNoiseThreshold = dfgNoiseThreshold
        self.loopLengthTwoThreshold = loopLengthTwoThreshold
    }

    /// Discovers a Petri net (with initial and final marking) from `log`.
    public func discover(from log: EventLog) -> PetriNet {
        heuristicsNet(from: log).petriNet()
    }

    /// Discovers the heuristics net of `log`.
    public func heuristicsNet(from log: EventLog) -> HeuristicsNet {
        let ordered = TimeOrderedActivities(log)
        let dfg = DirectlyFollowsGraph(ordered, activityNames: log.activityNames)
        let patterns = FollowsPatterns(ordered, activityCount: dfg.activityCount)
        return heuristicsNet(dfg: dfg, pairOrder: patterns.pairOrder.map { ($0.source, $0.target) },
                             loopTwoCounts: patterns.loopTwoCounts)
    }

    /// Discovers the heuristics net from a DFG, the order of its pairs and the `a b a` counts (`n × n`).
    func heuristicsNet(dfg: DirectlyFollowsGraph, pairOrder: [(Int, Int)], loopTwoCounts: [Int]) -> HeuristicsNet {
        let n = dfg.activityCount
        let counts = cleanedCounts(dfg)
        let occurs = { (a: Int) in dfg.activityCounts[a] >= self.minimumActivityCount && dfg.activityCounts[a] > 0 }
        let dependency = { (a: Int, b: Int) -> Double in
            let ab = Double(counts[a * n + b])
            if a == b { return ab / (ab + 1) }
            let ba = Double(counts[b * n + a])
            return (ab - ba) / (ab + ba + 1)
        }
        var nodes: [Int] = []
        var isNode = Array(repeating: false, count: n)
        var arcs: [HeuristicsNet.Arc] = []
        var hasArc = Set<Int>()
        func addNode(_ a: Int) {
            if !isNode[a] { isNode[a] = true; nodes.append(a) }
        }
        func addArc(_ a: Int, _ b: Int, _ dep: Double) {
            guard hasArc.insert(a * n + b).inserted else { return }
            arcs.append(.init(source: a, target: b, dependency: dep, count: counts[a * n + b]))
        }
        let keptPairs = pairOrder.filter { counts[$0.0 * n + $0.1] > 0 }
        for (a, b) in keptPairs where occurs(a) && occurs(b) && counts[a * n + b] >= minimumEdgeCount
            && dependency(a, b) >= dependencyThreshold {
            addNode(a)
            addNode(b)
            addArc(a, b, dependency(a, b))
        }
        // As in PM4Py, AND relations are measured on the dependency arcs only, before loop arcs join.
        let (splits, joins) = andRelations(nodes: nodes, arcs: arcs, names: dfg.activityNames, counts: counts)
        for a in nodes {
            for b in 0..<n where b != a && loopTwoCounts[a * n + b] > 0 {
                let v = Double(loopTwoCounts[a * n + b] + loopTwoCounts[b * n + a])
                guard v / (v + 1) >= loopLengthTwoThreshold, counts[a * n + b] > 0, counts[a * n + b] >= minimumEdgeCount,
                      occurs(a), occurs(b) else { continue }
                let dependent = (counts[a * n + b] > 0 && dependency(a, b) >= dependencyThreshold)
                    || (counts[b * n + a] > 0 && dependency(b, a) >= dependencyThreshold)
                guard !dependent else { continue }
                addNode(b)
                addArc(a, b, 0)
                addArc(b, a, 0)
            }
        }
        if nodes.isEmpty { for a in 0..<n where dfg.activityCounts[a] > 0 { addNode(a) } }
        return HeuristicsNet(activityNames: dfg.activityNames, nodes: nodes, arcs: arcs, activityCounts: dfg.activityCounts,
                             startActivityCounts: dfg.startActivityCounts, endActivityCounts: dfg.endActivityCounts,
                             andSplits: splits, andJoins: joins)
    }

    /// PM4Py's DFG pre-cleaning (`clean_dfg_based_on_noise_thresh`).
    private func cleanedCounts(_ dfg: DirectlyFollowsGraph) -> [Int] {
        let n = dfg.activityCount
        var maxCount = Array(repeating: 0, count: n)
        for edge in dfg.edges {
            maxCount[edge.source] = max(maxCount[edge.source], edge.count)
            maxCount[edge.target] = max(maxCount[edge.target], edge.count)
        }
        var counts = dfg.edgeCountMatrix
        guard dfgNoiseThreshold > 0 else { return counts }
        for edge in dfg.edges {
            let limit = min(Double(maxCount[edge.source]) * dfgNoiseThreshold, Double(maxCount[edge.target]) * dfgNoiseThreshold)
            if Double(edge.count) < limit { counts[edge.source * n + edge.target] = 0 }
        }
        return counts
    }

    private func andRelations(nodes: [Int], arcs: [HeuristicsNet.Arc], names: [String], counts: [Int])
        -> ([Int: [HeuristicsNet.Pair]], [Int: [HeuristicsNet.Pair]]) {
        let n = names.count
        var splits: [Int: [HeuristicsNet.Pair]] = [:], joins: [Int: [HeuristicsNet.Pair]] = [:]
        for a in nodes {
            let outs = Array(Set(arcs.filter { $0.source == a }.map(\.target))).sorted { names[$0] < names[$1] }
            let ins = Array(Set(arcs.filter { $0.target == a }.map(\.source))).sorted { names[$0] < names[$1] }
            splits[a] = andPairs(outs) { b, c in
                Double(counts[b * n + c] + counts[c * n + b]) / Double(counts[a * n + b] + counts[a * n + c] + 1)
            }
            joins[a] = andPairs(ins) { b, c in
                Double(counts[b * n + c] + counts[c * n + b]) / Double(counts[b * n + a] + counts[c * n + a] + 1)
            }
        }
        return (splits, joins)
    }

    private func andPairs(_ sorted: [Int], _ measure: (Int, Int) -> Double) -> [HeuristicsNet.Pair] {
        var pairs: [HeuristicsNet.Pair] = []
        for i in sorted.indices {
            for j in (i + 1)..<sorted.count where measure(sorted[i], sorted[j]) >= andThreshold {
                pairs.append(.init(first: sorted[i], second: sorted[j]))
            }
        }
        return pairs
    }
}
