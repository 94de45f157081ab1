/// The inductive miners' base cases: an empty log is a silent step; a log whose only variant has at most
/// one event is that activity (or a silent step).
enum BaseCases {
    static func leaf(_ log: VariantLog) -> ProcessTree? {
        if log.isEmpty { return .silent }
        guard log.variantCount == 1, log.traces[0].count <= 1 else { return nil }
        return log.traces[0].first.map { .activity(log.activityNames[Int($0)]) } ?? .silent
    }

    /// IMd: a graph with nothing is a silent step; one activity without edges is that activity.
    static func leaf(_ subgraph: DirectlyFollowsSubgraph, names: [String]) -> ProcessTree? {
        let graph = subgraph.graph
        guard graph.hasNoEdges else { return nil }
        let marked = (0..<graph.vertexCount).filter { graph.starts[$0] > 0 || graph.ends[$0] > 0 }
        if marked.isEmpty { return .silent }
        return marked.count == 1 ? .activity(names[Int(graph.vertices[marked[0]])]) : nil
    }
}
