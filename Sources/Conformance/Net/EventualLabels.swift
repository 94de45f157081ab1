import Discovery

/// Which visible labels can still occur from each reachable marking of a net, and which can occur after
/// each label, computed once per net on its ``ReachabilityGraph``.
///
/// For a reachable marking `M`, `E(M)` is the set of labels of the visible transitions that fire in some
/// firing sequence from `M`. For a label `a`, `followers(a)` is the union of `E(M')` over the reachable
/// steps `M —t→ M'` with `λ(t) = a`: every label that can fire after an `a` in one run. Both are exact on
/// the reachable markings (a fixpoint over the graph's steps).
package struct EventualLabels: Sendable {
    /// 64-bit words per label set.
    private let words: Int
    /// `E(M)` per marking, `words` words each.
    private let eventually: [UInt64]
    /// `followers(a)` per label code, `words` words each.
    private let following: [UInt64]

    package init(graph: ReachabilityGraph, net: CompiledNet) {
        let words = max(1, (net.labelNames.count + 63) / 64)
        let stateCount = graph.markings.count
        var eventually = Array(repeating: UInt64(0), count: stateCount * words)
        for edge in graph.edges where net.label[edge.transition] >= 0 {
            let label = Int(net.label[edge.transition])
            eventually[edge.source * words + label / 64] |= 1 << UInt64(label % 64)
        }
        // Propagate backwards along every step until nothing changes.
        var pending = Array(0..<stateCount)
        var isPending = Array(repeating: true, count: stateCount)
        while let m = pending.popLast() {
            isPending[m] = false
            for k in graph.incomingStart[m]..<graph.incomingStart[m + 1] {
                let source = graph.edges[graph.incoming[k]].source
                var changed = false
                for w in 0..<words {
                    let merged = eventually[source * words + w] | eventually[m * words + w]
                    if merged != eventually[source * words + w] {
                        eventually[source * words + w] = merged
                        changed = true
                    }
                }
                if changed && !isPending[source] {
                    isPending[source] = true
                    pending.append(source)
                }
            }
        }
        var following = Array(repeating: UInt64(0), count: net.labelNames.count * words)
        for edge in graph.edges where net.label[edge.transition] >= 0 {
            let label = Int(net.label[edge.transition])
            for w in 0..<words { following[label * words + w] |= eventually[edge.target * words + w] }
        }
        self.words = words
        self.eventually = eventually
        self.following = following
    }

    /// Whether `label` can fire in some firing sequence from the reachable marking with index `node`.
    package func canOccur(_ label: Int32, from node: Int) -> Bool {
        eventually[node * words + Int(label) / 64] & (1 << UInt64(label % 64)) != 0
    }

    /// Whether `label` can fire after a transition labelled `previous` in some run.
    package func canFollow(_ label: Int32, after previous: Int32) -> Bool {
        following[Int(previous) * words + Int(label) / 64] & (1 << UInt64(label % 64)) != 0
    }
}
