import Discovery

extension ReachabilityGraph {
    /// The reachability graph of a compiled net, or nil beyond `markingLimit` markings (large or unbounded
    /// state spaces), for the alignment bounds that need every reachable marking.
    package init?(net: CompiledNet, markingLimit: Int = 100_000) {
        self.init(placeCount: net.placeCount, initialMarking: net.initialMarking, transitionCount: net.transitionCount,
                  preStart: net.preStart, prePlace: net.prePlace, preWeight: net.preWeight,
                  postStart: net.postStart, postPlace: net.postPlace, postWeight: net.postWeight,
                  stateLimit: markingLimit, detectsUnboundedness: false)
        guard isComplete else { return nil }
    }

    /// Per state: the cheapest path to the state of `final` when firing `t` costs `weight[t]` (Dijkstra
    /// backwards from the final marking; `Int.max` where it is unreachable, everywhere when it was not reached).
    package func distances(to final: [Int], weight: [Int]) -> [Int] {
        guard let finalState = state(of: final) else { return Array(repeating: Int.max, count: markings.count) }
        return distances(toAnyOf: [finalState], weight: weight)
    }

    /// Per state: the cheapest path to any of the states `targets` when firing `t` costs `weight[t]`
    /// (Dijkstra backwards from all targets at once; `Int.max` where none is reachable).
    package func distances(toAnyOf targets: [Int], weight: [Int]) -> [Int] {
        var distance = Array(repeating: Int.max, count: markings.count)
        var heap = BinaryHeap<DistanceEntry>()
        for target in targets where distance[target] != 0 {
            distance[target] = 0
            heap.push(DistanceEntry(distance: 0, state: target))
        }
        while let entry = heap.popMin() {
            let d = entry.distance, m = entry.state
            if d > distance[m] { continue }
            for k in incomingStart[m]..<incomingStart[m + 1] {
                let edge = edges[incoming[k]]
                let candidate = d + weight[edge.transition]
                if candidate < distance[edge.source] {
                    distance[edge.source] = candidate
                    heap.push(DistanceEntry(distance: candidate, state: edge.source))
                }
            }
        }
        return distance
    }
}

/// A state reached at a distance, in Dijkstra's queue.
private struct DistanceEntry: HeapOrdered {
    var distance: Int
    var state: Int

    func precedes(_ other: DistanceEntry) -> Bool { distance < other.distance }
}
