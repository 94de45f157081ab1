/// A Sugiyama-style layered graph layout that needs no Graphviz.
///
/// Steps: (1) cycle breaking — a depth-first search from the preferred first node, heaviest edges first,
/// reverses back edges; (2) longest-path layering, with the preferred last node forced into the last
/// layer; (3) edges spanning several layers are split by dummy nodes; (4) crossing reduction by the
/// barycenter heuristic, alternating downward and upward sweeps and keeping the ordering with the fewest
/// crossings; (5) coordinate assignment that pulls every node towards the weighted mean position of its
/// neighbours while keeping the order and minimum gaps.
///
/// Coordinates are abstract: `rank` runs along the layers (top to bottom, or left to right when a renderer
/// rotates it) and `order` across them. Sizes are given in the same axes.
///
/// ```swift
/// let layout = LayeredLayout(nodeSizes: [.init(rank: 40, order: 120), .init(rank: 40, order: 90)],
///                            edges: [.init(source: 0, target: 1, weight: 5)]).compute()
/// print(layout.nodes[1].rank, layout.edgeRoutes[0])
/// ```
public struct LayeredLayout: Sendable {
    public struct Edge: Hashable, Sendable {
        public var source: Int
        public var target: Int
        /// Heavier edges are kept forward when breaking cycles and pull harder in coordinate assignment.
        public var weight: Double
        public init(source: Int, target: Int, weight: Double = 1) {
            self.source = source
            self.target = target
            self.weight = weight
        }
    }

    /// A point in layout coordinates (also a node size, see ``Size``).
    public struct Point: Hashable, Sendable {
        public var rank: Double
        public var order: Double
        public init(rank: Double, order: Double) {
            self.rank = rank
            self.order = order
        }
    }

    /// The result: node centres, the layer of every node, and one route per input edge (from the source
    /// node's boundary to the target node's boundary, through the dummy nodes). Self-loops get an empty route.
    public struct Result: Sendable {
        public var nodes: [Point]
        public var layers: [Int]
        public var edgeRoutes: [[Point]]
        /// Extent of the drawing along each axis (the origin is 0, 0).
        public var rankExtent: Double
        public var orderExtent: Double
    }

    /// The extent of a node along each axis.
    public typealias Size = Point

    public var nodeSizes: [Size]
    public var edges: [Edge]
    /// Placed first (layer 0) when given, e.g. a process map's start node.
    public var firstNode: Int?
    /// Placed in the last layer when given, e.g. a process map's end node.
    public var lastNode: Int?
    /// Gap between consecutive layers.
    public var layerGap: Double = 60
    /// Minimum gap between neighbouring nodes of a layer.
    public var nodeGap: Double = 30
    /// Space around the drawing.
    public var margin: Double = 20
    /// Crossing-reduction sweeps.
    public var sweeps: Int = 24

    public init(nodeSizes: [Size], edges: [Edge], firstNode: Int? = nil, lastNode: Int? = nil) {
        self.nodeSizes = nodeSizes
        self.edges = edges
        self.firstNode = firstNode
        self.lastNode = lastNode
    }

    /// Computes the layout.
    /// - Complexity: roughly O(sweeps × (nodes + dummies + edge segments²)) — fine for maps of hundreds of edges.
    public func compute() -> Result {
        let n = nodeSizes.count
        guard n > 0 else { return Result(nodes: [], layers: [], edgeRoutes: edges.map { _ in [] }, rankExtent: 0, orderExtent: 0) }
        let reversed = backEdges()
        let dag = edges.enumerated().compactMap { index, edge -> (Int, Int, Double, Int)? in
            guard edge.source != edge.target else { return nil }
            return reversed.contains(index) ? (edge.target, edge.source, edge.weight, index) : (edge.source, edge.target, edge.weight, index)
        }
        let layer = layering(n, dag)
        var graph = ProperGraph(realCount: n, layer: layer, sizes: nodeSizes)
        for (u, v, w, index) in dag { graph.addChain(from: u, to: v, weight: w, edgeIndex: index) }
        graph.orderLayers(sweeps: sweeps)
        graph.assignCoordinates(layerGap: layerGap, nodeGap: nodeGap, margin: margin)

        var routes: [[Point]] = Array(repeating: [], count: edges.count)
        for (chainEdge, chain) in graph.chains {
            var points = chain.map { Point(rank: graph.rank[$0], order: graph.order[$0]) }
            let first = chain.first!, last = chain.last!
            points[0].rank += graph.sizes[first].rank / 2
            points[points.count - 1].rank -= graph.sizes[last].rank / 2
            routes[chainEdge] = reversed.contains(chainEdge) ? points.reversed() : points
        }
        let nodes = (0..<n).map { Point(rank: graph.rank[$0], order: graph.order[$0]) }
        return Result(nodes: nodes, layers: layer, edgeRoutes: routes, rankExtent: graph.rankExtent + margin,
                      orderExtent: graph.orderExtent + margin)
    }

    /// Indices of edges to reverse, from a weighted Eades–Lin–Smyth ordering: sinks are peeled off to
    /// the back, sources to the front, and otherwise the node with the largest weighted out-minus-in
    /// degree goes to the front. Edges pointing backwards in that order (and edges into the first node or
    /// out of the last node) are reversed, so heavy flows keep their direction.
    private func backEdges() -> Set<Int> {
        let n = nodeSizes.count
        var outWeight = Array(repeating: 0.0, count: n), inWeight = Array(repeating: 0.0, count: n)
        var outgoing = Array(repeating: [Int](), count: n), incoming = Array(repeating: [Int](), count: n)
        for (index, edge) in edges.enumerated() where edge.source != edge.target {
            outgoing[edge.source].append(index)
            incoming[edge.target].append(index)
            outWeight[edge.source] += edge.weight
            inWeight[edge.target] += edge.weight
        }
        var removed = Array(repeating: false, count: n)
        var front: [Int] = [], back: [Int] = []
        func remove(_ v: Int) {
            removed[v] = true
            for e in outgoing[v] { inWeight[edges[e].target] -= edges[e].weight }
            for e in incoming[v] { outWeight[edges[e].source] -= edges[e].weight }
        }
        let hasLiveOut = { (v: Int) in outgoing[v].contains { !removed[self.edges[$0].target] } }
        let hasLiveIn = { (v: Int) in incoming[v].contains { !removed[self.edges[$0].source] } }
        if let firstNode { front.append(firstNode); remove(firstNode) }
        if let lastNode, lastNode != firstNode { back.append(lastNode); remove(lastNode) }
        var remaining = (0..<n).filter { !removed[$0] }.count
        while remaining > 0 {
            var progressed = true
            while progressed {
                progressed = false
                for v in 0..<n where !removed[v] && !hasLiveOut(v) {
                    back.append(v)
                    remove(v)
                    remaining -= 1
                    progressed = true
                }
                for v in 0..<n where !removed[v] && !hasLiveIn(v) {
                    front.append(v)
                    remove(v)
                    remaining -= 1
                    progressed = true
                }
            }
            guard remaining > 0 else { break }
            let pick = (0..<n).filter { !removed[$0] }.max { outWeight[$0] - inWeight[$0] < outWeight[$1] - inWeight[$1] }!
            front.append(pick)
            remove(pick)
            remaining -= 1
        }
        var position = Array(repeating: 0, count: n)
        for (i, v) in (front + back.reversed()).enumerated() { position[v] = i }
        var reversed = Set<Int>()
        for (index, edge) in edges.enumerated() where edge.source != edge.target {
            if edge.target == firstNode || edge.source == lastNode || position[edge.source] > position[edge.target] {
                reversed.insert(index)
            }
        }
        return reversed
    }

    /// Moves each node (except the first and last) to the weighted median of the layers its neighbours
    /// would like, within the range its edges allow — a cheap approximation of network-simplex layering
    /// that shortens long edges.
    private func balance(_ layer: inout [Int], _ dag: [(Int, Int, Double, Int)]) {
        let n = layer.count
        var preds = Array(repeating: [(Int, Double)](), count: n), succs = Array(repeating: [(Int, Double)](), count: n)
        for (u, v, w, _) in dag {
            succs[u].append((v, w))
            preds[v].append((u, w))
        }
        for _ in 0..<8 {
            for v in 0..<n where v != firstNode && v != lastNode && !(preds[v].isEmpty && succs[v].isEmpty) {
                let low = (preds[v].map { layer[$0.0] + 1 }.max() ?? Int.min)
                let high = (succs[v].map { layer[$0.0] - 1 }.min() ?? Int.max)
                guard low <= high else { continue }
                var wishes = preds[v].map { (layer[$0.0] + 1, $0.1) } + succs[v].map { (layer[$0.0] - 1, $0.1) }
                wishes.sort { $0.0 < $1.0 }
                let half = wishes.reduce(0.0) { $0 + $1.1 } / 2
                var acc = 0.0
                var median = layer[v]
                for (wish, weight) in wishes {
                    acc += weight
                    if acc >= half { median = wish; break }
                }
                layer[v] = max(0, min(high, max(low, median)))
            }
        }
    }

    /// Longest-path layering of the acyclic edges; the last node goes below everything else.
    private func layering(_ n: Int, _ dag: [(Int, Int, Double, Int)]) -> [Int] {
        var indegree = Array(repeating: 0, count: n)
        var outgoing = Array(repeating: [Int](), count: n)
        for (u, v, _, _) in dag {
            indegree[v] += 1
            outgoing[u].append(v)
        }
        var layer = Array(repeating: 0, count: n)
        var queue = (0..<n).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for v in outgoing[u] {
                layer[v] = max(layer[v], layer[u] + 1)
                indegree[v] -= 1
                if indegree[v] == 0 { queue.append(v) }
            }
        }
        // Sinks other than the last node sit right below their lowest predecessor already; pull sources
        // down next to their first successor so that isolated starts do not float at the top.
        for u in (0..<n).reversed() where u != firstNode && !dag.contains(where: { $0.1 == u }) {
            let successorLayers = outgoing[u].map { layer[$0] }
            if let minimum = successorLayers.min(), minimum - 1 > layer[u] { layer[u] = minimum - 1 }
        }
        balance(&layer, dag)
        if let lastNode {
            let deepest = (0..<n).filter { $0 != lastNode }.map { layer[$0] }.max() ?? 0
            layer[lastNode] = max(layer[lastNode], deepest + 1)
        }
        if let firstNode { layer[firstNode] = 0 }
        return layer
    }
}
