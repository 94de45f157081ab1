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
        var heap = MinimumHeap()
        for target in targets where distance[target] != 0 {
            distance[target] = 0
            heap.push(distance: 0, state: target)
        }
        while let (d, m) = heap.popMinimum() {
            if d > distance[m] { continue }
            for k in incomingStart[m]..<incomingStart[m + 1] {
                let edge = edges[incoming[k]]
                let candidate = d + weight[edge.transition]
                if candidate < distance[edge.source] {
                    distance[edge.source] = candidate
                    heap.push(distance: candidate, state: edge.source)
                }
            }
        }
        return distance
    }
}

/// A binary min-heap of (distance, state) pairs for Dijkstra.
private struct MinimumHeap {
    private var entries: [(distance: Int, state: Int)] = []

    mutating func push(distance: Int, state: Int) {
        entries.append((distance, state))
        var i = entries.count - 1
        while i > 0, entries[i].distance < entries[(i - 1) / 2].distance {
            entries.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    mutating func popMinimum() -> (Int, Int)? {
        guard let last = entries.popLast() else { return nil }
        guard !entries.isEmpty else { return last }
        let top = entries[0]
        entries[0] = last
        var i = 0
        while true {
            var smallest = i
            let left = 2 * i + 1, right = left + 1
            if left < entries.count && entries[left].distance < entries[smallest].distance { smallest = left }
            if right < entries.count && entries[right].distance < entries[smallest].distance { smallest = right }
            if smallest == i { break }
            entries.swapAt(i, smallest)
            i = smallest
        }
        return top
    }
}
