/// The sequence cut: groups of activities such that every activity of an earlier group can reach every
/// activity of a later group and never the other way round (Leemans' thesis, p. 188), strengthened into
/// the strict sequence cut (p. 233) that merges groups which can be skipped together.
enum SequenceCut {
    /// The ordered groups, or nil when fewer than two remain.
    static func detect(_ graph: InductiveGraph) -> [[Int32]]? {
        guard let groups = plainGroups(graph) else { return nil }
        let strict = strictlyMerged(groups, graph)
        return strict.count > 1 ? strict.map { $0.map { graph.vertices[$0] } } : nil
    }

    /// Components of "mutually reachable or mutually unreachable", ordered by position in the sequence.
    private static func plainGroups(_ graph: InductiveGraph) -> [[Int]]? {
        let n = graph.vertexCount
        guard n > 1 else { return nil }
        let successors = graph.transitiveSuccessors()
        var predecessorCounts = [Int](repeating: 0, count: n)
        for a in 0..<n { for b in 0..<n where successors[a].contains(b) { predecessorCounts[b] += 1 } }
        var components = UnionFind(count: n)
        for a in 0..<n {
            for b in (a + 1)..<n where successors[a].contains(b) == successors[b].contains(a) {
                components.union(a, b)
            }
        }
        let groups = components.groups()
        guard groups.count > 1 else { return nil }
        let key = { (group: [Int]) in predecessorCounts[group[0]] + n - successors[group[0]].count }
        return groups.sorted { key($0) < key($1) }
    }

    /// PM4Py's strict-sequence merging of skippable groups with their neighbours.
    private static func strictlyMerged(_ initial: [[Int]], _ graph: InductiveGraph) -> [[Int]] {
        var groups = initial
        let n = graph.vertexCount
        var groupOf = [Int](repeating: 0, count: n)
        for (g, group) in groups.enumerated() { for a in group { groupOf[a] = g } }
        let hasStart = groups.map { $0.contains { graph.starts[$0] > 0 } }
        let hasEnd = groups.map { $0.contains { graph.ends[$0] > 0 } }
        var minimumFrom = hasStart.map { $0 ? Int.min : Int.max }
        var maximumTo = hasEnd.map { $0 ? Int.max : Int.min }
        for a in 0..<n {
            for b in 0..<n where graph.hasEdge(a, b) {
                minimumFrom[groupOf[b]] = min(minimumFrom[groupOf[b]], groupOf[a])
                maximumTo[groupOf[a]] = max(maximumTo[groupOf[a]], groupOf[b])
            }
        }
        for p in groups.indices where isSkippable(p, groups, graph) {
            var q = p - 1
            while q >= 0 && maximumTo[q] <= p {
                groups[p] += groups[q]
                groups[q] = []
                q -= 1
            }
            q = p + 1
            while q < groups.count && minimumFrom[q] >= p {
                groups[p] += groups[q]
                groups[q] = []
                q += 1
            }
        }
        return groups.filter { !$0.isEmpty }.map { $0.sorted() }
    }

    /// Whether group `p` can be skipped: an edge jumps over it, a later group starts, or an earlier group ends.
    private static func isSkippable(_ p: Int, _ groups: [[Int]], _ graph: InductiveGraph) -> Bool {
        for i in 0..<p {
            for j in (p + 1)..<max(p + 1, groups.count) {
                for a in groups[i] { for b in groups[j] where graph.hasEdge(a, b) { return true } }
            }
        }
        for i in (p + 1)..<max(p + 1, groups.count) where groups[i].contains(where: { graph.starts[$0] > 0 }) {
            return true
        }
        for i in 0..<p where groups[i].contains(where: { graph.ends[$0] > 0 }) { return true }
        return false
    }

    /// Splits every trace into consecutive parts, one per group, choosing each split point where the
    /// fewest events end up in the wrong part (PM4Py's greedy split); events outside the part's group are dropped.
    static func split(_ log: VariantLog, groups: [[Int32]]) -> [VariantLog] {
        let groupOf = GroupMap(groups, activityCount: log.activityNames.count)
        var logs = Array(repeating: log.emptied(), count: groups.count)
        for (trace, count) in zip(log.traces, log.counts) {
            var position = 0
            for g in groups.indices {
                let next = splitPoint(trace, group: g, from: position, groupOf: groupOf)
                logs[g].add(trace[position..<next].filter { groupOf[$0] == g }, count: count)
                position = next
            }
        }
        return logs
    }

    /// The position after which the part for group `g` ends: where "events of g minus events of later
    /// groups or no group" first reaches its maximum. Events of earlier groups are ignored.
    private static func splitPoint(_ trace: [Int32], group g: Int, from start: Int, groupOf: GroupMap) -> Int {
        var best = start
        var leastCost = 0
        var cost = 0
        var i = start
        while i < trace.count {
            let owner = groupOf[trace[i]]
            if owner == g {
                cost -= 1
            } else if owner < 0 || owner > g {
                cost += 1
            }
            if cost < leastCost {
                leastCost = cost
                best = i + 1
            }
            i += 1
        }
        return best
    }

    /// IMd: each group keeps its inner edges; its start (end) activities are those entered from the previous
    /// (left to the next) group, and a group is skippable when some edge or start/end jumps over it.
    static func split(_ subgraph: DirectlyFollowsSubgraph, groups: [[Int32]]) -> [DirectlyFollowsSubgraph] {
        let graph = subgraph.graph
        let groupOf = GroupMap(groups, activityCount: graph.localIndex.count)
        var skippable = [Bool](repeating: false, count: groups.count)
        let last = groups.count - 1
        for (i, a) in graph.vertices.enumerated() {
            if graph.starts[i] > 0 { for j in 0..<max(0, groupOf[a]) { skippable[j] = true } }
            if graph.ends[i] > 0 && groupOf[a] < last { for j in (groupOf[a] + 1)...last { skippable[j] = true } }
            for (k, b) in graph.vertices.enumerated() where graph.hasEdge(i, k) {
                let from = groupOf[a], to = groupOf[b]
                if to - from > 1 { for j in (from + 1)..<to { skippable[j] = true } }
            }
        }
        return groups.indices.map { g in
            var starts: [Int32: Int]? = nil
            var ends: [Int32: Int]? = nil
            if g > 0 { starts = arcCounts(graph, groupOf, from: g - 1, to: g, countTarget: true) }
            if g < last { ends = arcCounts(graph, groupOf, from: g, to: g + 1, countTarget: false) }
            return subgraph.restricted(to: groups[g], skippable: skippable[g], starts: starts, ends: ends)
        }
    }

    /// Sum of counts of edges from group `from` into group `to`, per target (or per source) activity.
    private static func arcCounts(_ graph: InductiveGraph, _ groupOf: GroupMap, from: Int, to: Int,
                                  countTarget: Bool) -> [Int32: Int] {
        var result: [Int32: Int] = [:]
        for (i, a) in graph.vertices.enumerated() where groupOf[a] == from {
            for (k, b) in graph.vertices.enumerated() where groupOf[b] == to && graph.hasEdge(i, k) {
                result[countTarget ? b : a, default: 0] += graph.edgeCount(i, k)
            }
        }
        return result
    }
}
