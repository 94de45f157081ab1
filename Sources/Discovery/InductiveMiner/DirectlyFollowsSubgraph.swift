/// IMd's unit of recursion: a directly-follows graph plus whether the empty trace must be allowed
/// (some path of the parent could skip this part).
struct DirectlyFollowsSubgraph: Sendable {
    var graph: InductiveGraph
    var skippable: Bool

    /// The graph restricted to `group`: edges inside it, and its start and end activities with their counts.
    func restricted(to group: [Int32], skippable: Bool) -> DirectlyFollowsSubgraph {
        restricted(to: group, skippable: skippable, starts: nil, ends: nil)
    }

    /// The graph restricted to `group`, with start and end counts given per global code
    /// (nil: keep the parent's counts for the group's members).
    func restricted(to group: [Int32], skippable: Bool, starts: [Int32: Int]?, ends: [Int32: Int]?) -> DirectlyFollowsSubgraph {
        let old = graph
        var sub = InductiveGraph(vertices: group.sorted(), activityCount: old.localIndex.count)
        let m = sub.vertexCount
        for (x, a) in sub.vertices.enumerated() {
            let i = Int(old.localIndex[Int(a)])
            if let starts { sub.starts[x] = starts[a] ?? 0 } else if i >= 0 { sub.starts[x] = old.starts[i] }
            if let ends { sub.ends[x] = ends[a] ?? 0 } else if i >= 0 { sub.ends[x] = old.ends[i] }
            guard i >= 0 else { continue }
            for (y, b) in sub.vertices.enumerated() {
                let j = Int(old.localIndex[Int(b)])
                if j >= 0 { sub.edges[x * m + y] = old.edgeCount(i, j) }
            }
        }
        return DirectlyFollowsSubgraph(graph: sub.prunedToConnectedVertices(), skippable: skippable)
    }
}
