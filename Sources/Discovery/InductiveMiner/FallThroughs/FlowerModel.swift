/// Fall-through "flower model", the last resort: `*( tau, X( a, b, ... ) )` allows any sequence of the
/// log's activities.
enum FlowerModel {
    /// The redo log: every activity once, as its own trace.
    static func redoLog(_ log: VariantLog) -> VariantLog {
        var redo = log.emptied()
        for a in log.alphabet { redo.add([a], count: 1) }
        return redo
    }

    /// IMd: every activity of the graph as start and end activity of the redo part.
    static func redoGraph(_ subgraph: DirectlyFollowsSubgraph) -> DirectlyFollowsSubgraph {
        let vertices = subgraph.graph.vertices
        let ones = Dictionary(uniqueKeysWithValues: vertices.map { ($0, 1) })
        let bare = DirectlyFollowsSubgraph(graph: InductiveGraph(vertices: [], activityCount: subgraph.graph.localIndex.count),
                                           skippable: false)
        return bare.restricted(to: vertices, skippable: false, starts: ones, ends: ones)
    }
}
