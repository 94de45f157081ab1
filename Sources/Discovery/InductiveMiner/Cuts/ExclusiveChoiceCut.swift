/// The exclusive-choice cut: the connected components of the directly-follows graph taken as undirected.
/// Activities of different components never occur in the same trace (in a log that fits the cut).
enum ExclusiveChoiceCut {
    /// The components, each sorted, ordered by their sorted activity lists (as PM4Py orders them);
    /// nil when the graph is connected.
    static func detect(_ graph: InductiveGraph) -> [[Int32]]? {
        let n = graph.vertexCount
        var components = UnionFind(count: n)
        for i in 0..<n {
            for j in 0..<n where graph.hasEdge(i, j) { components.union(i, j) }
        }
        let groups = components.groups().map { $0.map { graph.vertices[$0] } }
        guard groups.count > 1 else { return nil }
        return groups.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Sends each trace, restricted to the group's activities, to the group with most of its events
    /// (ties to the later group, as PM4Py does).
    static func split(_ log: VariantLog, groups: [[Int32]]) -> [VariantLog] {
        let groupOf = GroupMap(groups, activityCount: log.activityNames.count)
        var logs = Array(repeating: log.emptied(), count: groups.count)
        var eventsPerGroup = [Int](repeating: 0, count: groups.count)
        for (trace, count) in zip(log.traces, log.counts) {
            for g in eventsPerGroup.indices { eventsPerGroup[g] = 0 }
            for a in trace where groupOf[a] >= 0 { eventsPerGroup[groupOf[a]] += 1 }
            var best = groups.count - 1
            for g in stride(from: groups.count - 2, through: 0, by: -1) where eventsPerGroup[g] > eventsPerGroup[best] {
                best = g
            }
            logs[best].add(trace.filter { groupOf[$0] == best }, count: count)
        }
        return logs
    }

    /// IMd: each group keeps its own edges, start and end activities.
    static func split(_ graph: DirectlyFollowsSubgraph, groups: [[Int32]]) -> [DirectlyFollowsSubgraph] {
        groups.map { graph.restricted(to: $0, skippable: false) }
    }
}
