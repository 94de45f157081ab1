/// IMf's filtering of the directly-follows graph, as PM4Py 2.7 applies it when no cut is found on the
/// unfiltered graph: an edge `a → b` is kept when its count exceeds `noise ×` the largest count of an edge
/// leaving `a` (or of `a` as end activity); a start activity is kept when its count is at least `noise ×`
/// the largest start count. End activities are kept as they are.
enum NoiseFilter {
    static func filter(_ graph: InductiveGraph, noise: Double) -> InductiveGraph {
        let n = graph.vertexCount
        var filtered = graph
        for a in 0..<n {
            var strongest = 0
            var hasOutgoing = false
            for b in 0..<n where graph.hasEdge(a, b) {
                strongest = max(strongest, graph.edgeCount(a, b))
                hasOutgoing = true
            }
            guard hasOutgoing else { continue }
            strongest = max(strongest, graph.ends[a])
            for b in 0..<n where graph.hasEdge(a, b) && !(Double(graph.edgeCount(a, b)) > noise * Double(strongest)) {
                filtered.edges[a * n + b] = 0
            }
        }
        let strongestStart = graph.starts.max() ?? 0
        for a in 0..<n where graph.starts[a] > 0 && Double(graph.starts[a]) < Double(strongestStart) * noise {
            filtered.starts[a] = 0
        }
        return filtered.prunedToConnectedVertices()
    }
}
