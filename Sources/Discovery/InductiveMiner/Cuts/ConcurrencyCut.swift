/// The concurrency cut: groups such that every activity of one group is connected both ways with every
/// activity of every other group, and every group has a start and an end activity.
enum ConcurrencyCut {
    /// The groups (PM4Py's order: by size, after merging groups that lack a start or an end activity into
    /// a neighbour), or nil when fewer than two remain.
    static func detect(_ graph: InductiveGraph) -> [[Int32]]? {
        let n = graph.vertexCount
        guard n > 1 else { return nil }
        var components = UnionFind(count: n)
        for a in 0..<n {
            for b in (a + 1)..<n where !(graph.hasEdge(a, b) && graph.hasEdge(b, a)) { components.union(a, b) }
        }
        var groups = components.groups().enumerated().sorted {
            $0.element.count == $1.element.count ? $0.offset < $1.offset : $0.element.count < $1.element.count
        }.map(\.element)
        var i = 0
        while i < groups.count && groups.count > 1 {
            if groups[i].contains(where: { graph.starts[$0] > 0 }) && groups[i].contains(where: { graph.ends[$0] > 0 }) {
                i += 1
                continue
            }
            let group = groups.remove(at: i)
            groups[i == 0 ? 0 : i - 1] += group
        }
        guard groups.count > 1 else { return nil }
        return groups.map { $0.sorted().map { graph.vertices[$0] } }
    }

    /// Projects every trace on each group's activities.
    static func split(_ log: VariantLog, groups: [[Int32]]) -> [VariantLog] {
        let groupOf = GroupMap(groups, activityCount: log.activityNames.count)
        return groups.indices.map { g in
            var part = log.emptied()
            for (trace, count) in zip(log.traces, log.counts) {
                part.add(trace.filter { groupOf[$0] == g }, count: count)
            }
            return part
        }
    }

    /// IMd: each group keeps its own edges, start and end activities; none is skippable.
    static func split(_ graph: DirectlyFollowsSubgraph, groups: [[Int32]]) -> [DirectlyFollowsSubgraph] {
        groups.map { graph.restricted(to: $0, skippable: false) }
    }
}
