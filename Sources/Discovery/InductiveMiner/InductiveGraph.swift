/// The directly-follows graph the inductive miners look for cuts in: vertices are global activity codes
/// (sorted), edges and start/end activities are dense arrays over local vertex indices, a count of 0
/// meaning "absent".
///
/// The vertex set is, as in PM4Py, every activity that has an edge or is a start or end activity; after
/// IMf's noise filtering it can be smaller than the log's alphabet.
struct InductiveGraph: Sendable {
    /// Global activity codes of the vertices, ascending.
    let vertices: [Int32]
    /// `edges[i * vertexCount + j]`: the count of edge vertex i → vertex j (0 = no edge).
    var edges: [Int]
    var starts: [Int]
    var ends: [Int]
    /// Global code → local index, or -1 (sized to the number of global activities).
    let localIndex: [Int32]

    var vertexCount: Int { vertices.count }

    init(vertices: [Int32], activityCount: Int) {
        self.vertices = vertices
        var localIndex = [Int32](repeating: -1, count: activityCount)
        for (i, v) in vertices.enumerated() { localIndex[Int(v)] = Int32(i) }
        self.localIndex = localIndex
        edges = Array(repeating: 0, count: vertices.count * vertices.count)
        starts = Array(repeating: 0, count: vertices.count)
        ends = Array(repeating: 0, count: vertices.count)
    }

    /// The graph of a variant log, with frequencies summed over variants.
    init(_ log: VariantLog) {
        self.init(vertices: log.alphabet, activityCount: log.activityNames.count)
        let n = vertexCount
        for (trace, count) in zip(log.traces, log.counts) where !trace.isEmpty {
            var previous = Int(localIndex[Int(trace[0])])
            starts[previous] += count
            for a in trace.dropFirst() {
                let current = Int(localIndex[Int(a)])
                edges[previous * n + current] += count
                previous = current
            }
            ends[previous] += count
        }
    }

    /// The graph of a variant log with every occurrence of `removed` deleted (edge existence only).
    init(_ log: VariantLog, without removed: Int32, alphabet: [Int32]) {
        self.init(vertices: alphabet.filter { $0 != removed }, activityCount: log.activityNames.count)
        let n = vertexCount
        for trace in log.traces {
            var previous = -1
            for a in trace where a != removed {
                let current = Int(localIndex[Int(a)])
                if previous < 0 { starts[current] = 1 } else { edges[previous * n + current] = 1 }
                previous = current
            }
            if previous >= 0 { ends[previous] = 1 }
        }
    }

    @inline(__always)
    func hasEdge(_ i: Int, _ j: Int) -> Bool { edges[i * vertexCount + j] > 0 }

    @inline(__always)
    func edgeCount(_ i: Int, _ j: Int) -> Int { edges[i * vertexCount + j] }

    /// True when there is no edge at all.
    var hasNoEdges: Bool { !edges.contains { $0 > 0 } }

    /// The same graph restricted to the vertices that still have an edge or are start or end activities.
    func prunedToConnectedVertices() -> InductiveGraph {
        let n = vertexCount
        let keep = (0..<n).filter { i in
            starts[i] > 0 || ends[i] > 0 || (0..<n).contains { hasEdge(i, $0) || hasEdge($0, i) }
        }
        if keep.count == n { return self }
        var pruned = InductiveGraph(vertices: keep.map { vertices[$0] }, activityCount: localIndex.count)
        let m = keep.count
        for (x, i) in keep.enumerated() {
            pruned.starts[x] = starts[i]
            pruned.ends[x] = ends[i]
            for (y, j) in keep.enumerated() { pruned.edges[x * m + y] = edges[i * n + j] }
        }
        return pruned
    }

    /// Vertices reachable from each vertex by one or more edges (a vertex reaches itself only on a cycle),
    /// as bit sets over local indices.
    func transitiveSuccessors() -> [BitSet] {
        let n = vertexCount
        var result = [BitSet](repeating: BitSet(count: n), count: n)
        var stack: [Int] = []
        for source in 0..<n {
            var seen = BitSet(count: n)
            stack.removeAll(keepingCapacity: true)
            for j in 0..<n where hasEdge(source, j) && !seen.contains(j) {
                seen.insert(j)
                stack.append(j)
            }
            while let v = stack.popLast() {
                for j in 0..<n where hasEdge(v, j) && !seen.contains(j) {
                    seen.insert(j)
                    stack.append(j)
                }
            }
            result[source] = seen
        }
        return result
    }
}

/// A fixed-size set of small integers.
struct BitSet: Sendable, Hashable {
    fileprivate var words: [UInt64]

    init(count: Int) { words = Array(repeating: 0, count: (count + 63) / 64) }

    @inline(__always)
    func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    @inline(__always)
    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}

extension BitSet {
    /// Adds every member of `other` (same size).
    mutating func formUnion(_ other: BitSet) {
        for i in words.indices { words[i] |= other.words[i] }
    }
}
