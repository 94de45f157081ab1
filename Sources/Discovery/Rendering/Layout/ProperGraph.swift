/// The layered graph after dummy-node insertion: every edge joins adjacent layers. Holds the per-layer
/// orderings and the final coordinates while ``LayeredLayout`` works on it.
struct ProperGraph {
    let realCount: Int
    var layerOf: [Int]
    var sizes: [LayeredLayout.Size]
    /// Adjacent-layer edges: `down[v]` targets one layer below, `up[v]` sources one layer above, with weights.
    var down: [[(node: Int, weight: Double)]]
    var up: [[(node: Int, weight: Double)]]
    /// For each input edge index, the chain of nodes from its (acyclic) source to its target.
    var chains: [(edge: Int, nodes: [Int])] = []
    var layers: [[Int]] = []
    var rank: [Double] = []
    var order: [Double] = []
    var rankExtent: Double = 0
    var orderExtent: Double = 0

    static let dummySize = LayeredLayout.Size(rank: 0, order: 12)

    init(realCount: Int, layer: [Int], sizes: [LayeredLayout.Size]) {
        self.realCount = realCount
        layerOf = layer
        self.sizes = sizes
        down = Array(repeating: [], count: realCount)
        up = Array(repeating: [], count: realCount)
    }

    var nodeCount: Int { layerOf.count }

    mutating func addChain(from u: Int, to v: Int, weight: Double, edgeIndex: Int) {
        var chain = [u]
        var previous = u
        if layerOf[v] > layerOf[u] + 1 {
            for l in (layerOf[u] + 1)..<layerOf[v] {
                let dummy = layerOf.count
                layerOf.append(l)
                sizes.append(Self.dummySize)
                down.append([])
                up.append([])
                link(previous, dummy, weight)
                chain.append(dummy)
                previous = dummy
            }
        }
        link(previous, v, weight)
        chain.append(v)
        chains.append((edgeIndex, chain))
    }

    private mutating func link(_ a: Int, _ b: Int, _ weight: Double) {
        if layerOf[b] == layerOf[a] + 1 {
            down[a].append((b, weight))
            up[b].append((a, weight))
        } else if layerOf[a] == layerOf[b] + 1 {
            down[b].append((a, weight))
            up[a].append((b, weight))
        }
    }

    // MARK: Crossing reduction

    mutating func orderLayers(sweeps: Int) {
        let layerCount = (layerOf.max() ?? 0) + 1
        layers = Array(repeating: [], count: layerCount)
        // Initial order: breadth-first from the top layer so that connected nodes start close together.
        var placed = Array(repeating: false, count: nodeCount)
        var queue = (0..<nodeCount).filter { up[$0].isEmpty }.sorted { layerOf[$0] < layerOf[$1] }
        var head = 0
        for v in queue { placed[v] = true }
        while head < queue.count {
            let v = queue[head]
            head += 1
            layers[layerOf[v]].append(v)
            for (w, _) in down[v].sorted(by: { $0.weight > $1.weight }) where !placed[w] {
                placed[w] = true
                queue.append(w)
            }
        }
        for v in 0..<nodeCount where !placed[v] { layers[layerOf[v]].append(v) }

        var best = layers
        var bestCrossings = totalCrossings()
        for sweep in 0..<sweeps where bestCrossings > 0 {
            if sweep % 2 == 0 {
                for l in layers.indices.dropFirst() { reorder(l, upward: true) }
            } else {
                for l in layers.indices.dropLast().reversed() { reorder(l, upward: false) }
            }
            let crossings = totalCrossings()
            if crossings < bestCrossings {
                bestCrossings = crossings
                best = layers
            }
        }
        layers = best
    }

    /// Sorts layer `l` by the weighted barycenter of each node's neighbours in the layer above (`upward`)
    /// or below; nodes without such neighbours keep their position.
    private mutating func reorder(_ l: Int, upward: Bool) {
        var position = [Int: Int]()
        let neighbours = upward ? up : down
        let adjacent = upward ? l - 1 : l + 1
        for (i, v) in layers[adjacent].enumerated() { position[v] = i }
        let current = layers[l]
        let keyed = current.enumerated().map { index, v -> (Int, Double) in
            let links = neighbours[v]
            guard !links.isEmpty else { return (v, Double(index)) }
            let total = links.reduce(0.0) { $0 + $1.weight }
            let sum = links.reduce(0.0) { $0 + Double(position[$1.node] ?? 0) * $1.weight }
            return (v, total > 0 ? sum / total : Double(index))
        }
        layers[l] = keyed.enumerated().sorted { a, b in
            a.element.1 != b.element.1 ? a.element.1 < b.element.1 : a.offset < b.offset
        }.map { $0.element.0 }
    }

    func totalCrossings() -> Int {
        var total = 0
        for l in layers.indices.dropLast() {
            var position = [Int: Int]()
            for (i, v) in layers[l + 1].enumerated() { position[v] = i }
            var segments: [(Int, Int)] = []
            for (i, v) in layers[l].enumerated() {
                for (w, _) in down[v] { segments.append((i, position[w] ?? 0)) }
            }
            for a in segments.indices {
                for b in (a + 1)..<segments.count {
                    let (s1, t1) = segments[a], (s2, t2) = segments[b]
                    if (s1 < s2 && t1 > t2) || (s1 > s2 && t1 < t2) { total += 1 }
                }
            }
        }
        return total
    }

    // MARK: Coordinates

    mutating func assignCoordinates(layerGap: Double, nodeGap: Double, margin: Double) {
        rank = Array(repeating: 0, count: nodeCount)
        order = Array(repeating: 0, count: nodeCount)
        var y = margin
        for layer in layers {
            let thickness = layer.map { sizes[$0].rank }.max() ?? 0
            for v in layer { rank[v] = y + thickness / 2 }
            y += thickness + layerGap
        }
        rankExtent = y - layerGap
        for layer in layers {
            var x = margin
            for v in layer {
                order[v] = x + sizes[v].order / 2
                x += sizes[v].order + nodeGap
            }
        }
        let widest = layers.indices.max { width(of: $0, nodeGap) < width(of: $1, nodeGap) } ?? 0
        for layer in layers.indices { centre(layer, on: widest, nodeGap) }
        for iteration in 0..<16 {
            let sequence = iteration % 2 == 0 ? Array(layers.indices) : layers.indices.reversed()
            for l in sequence { relax(l, nodeGap: nodeGap) }
        }
        let minimum = (0..<nodeCount).map { order[$0] - sizes[$0].order / 2 }.min() ?? 0
        for v in 0..<nodeCount { order[v] += margin - minimum }
        orderExtent = (0..<nodeCount).map { order[$0] + sizes[$0].order / 2 }.max() ?? 0
    }

    private func width(of l: Int, _ gap: Double) -> Double {
        layers[l].reduce(0) { $0 + sizes[$1].order } + gap * Double(max(0, layers[l].count - 1))
    }

    private mutating func centre(_ l: Int, on reference: Int, _ gap: Double) {
        let offset = (width(of: reference, gap) - width(of: l, gap)) / 2
        for v in layers[l] { order[v] += offset }
    }

    /// Moves the nodes of layer `l` towards the weighted mean of their neighbours' positions, then
    /// restores the minimum gaps with a forward and a backward pass averaged together.
    private mutating func relax(_ l: Int, nodeGap: Double) {
        let layer = layers[l]
        guard !layer.isEmpty else { return }
        var desired = layer.map { v -> Double in
            let links = up[v] + down[v]
            let total = links.reduce(0.0) { $0 + $1.weight }
            guard total > 0 else { return order[v] }
            let target = links.reduce(0.0) { $0 + order[$1.node] * $1.weight } / total
            return v >= realCount ? target : 0.7 * target + 0.3 * order[v]
        }
        var forward = desired
        for i in 1..<max(1, layer.count) {
            let gap = (sizes[layer[i - 1]].order + sizes[layer[i]].order) / 2 + nodeGap
            forward[i] = max(forward[i], forward[i - 1] + gap)
        }
        var backward = desired
        for i in stride(from: layer.count - 2, through: 0, by: -1) {
            let gap = (sizes[layer[i]].order + sizes[layer[i + 1]].order) / 2 + nodeGap
            backward[i] = min(backward[i], backward[i + 1] - gap)
        }
        for i in layer.indices { desired[i] = (forward[i] + backward[i]) / 2 }
        for i in 1..<max(1, layer.count) {
            let gap = (sizes[layer[i - 1]].order + sizes[layer[i]].order) / 2 + nodeGap
            desired[i] = max(desired[i], desired[i - 1] + gap)
        }
        for (i, v) in layer.enumerated() { order[v] = desired[i] }
    }
}
