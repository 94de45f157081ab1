/// The reachability graph of a net: the markings reachable from the initial marking and the steps
/// between them, listed breadth first. Construction gives up, returning nil, beyond `markingLimit`
/// markings (large or unbounded state spaces).
package struct ReachabilityGraph: Sendable {
    /// Reachable markings (the initial one is 0).
    package let markingCount: Int
    /// Per step: the marking it leaves, the marking it reaches and the transition fired.
    package let edgeSource: [Int32]
    package let edgeTarget: [Int32]
    package let edgeTransition: [Int32]
    /// The steps into marking `m` are `incoming[incomingStart[m] ..< incomingStart[m + 1]]`.
    package let incomingStart: [Int]
    package let incoming: [Int]
    /// The index of the final marking, or nil when it is not reachable.
    package let finalNode: Int?
    private let places: Int
    /// `places` token counts per marking.
    private let markings: [Int32]
    /// Open-addressing table of marking indexes (-1: empty).
    private let slots: [Int32]

    package init?(net: CompiledNet, markingLimit: Int = 100_000) {
        let places = net.placeCount
        var markings = net.initialMarking.map { Int32(clamping: $0) }
        var slots = Array(repeating: Int32(-1), count: 1024)
        slots[ReachabilityGraph.hash(markings[0..<places]) & (slots.count - 1)] = 0
        var count = 1
        var source: [Int32] = [], target: [Int32] = [], transition: [Int32] = []
        var next = Array(repeating: Int32(0), count: places)
        var head = 0
        while head < count {
            let base = head * places
            for t in 0..<net.transitionCount where ReachabilityGraph.enables(markings, base, t, net) {
                for p in 0..<places { next[p] = markings[base + p] }
                for k in net.preStart[t]..<net.preStart[t + 1] { next[net.prePlace[k]] -= Int32(net.preWeight[k]) }
                for k in net.postStart[t]..<net.postStart[t + 1] { next[net.postPlace[k]] += Int32(net.postWeight[k]) }
                let mask = slots.count - 1
                var slot = ReachabilityGraph.hash(next[0..<places]) & mask
                var found = -1
                while slots[slot] >= 0 {
                    let candidate = Int(slots[slot])
                    if markings[candidate * places..<(candidate + 1) * places].elementsEqual(next) {
                        found = candidate
                        break
                    }
                    slot = (slot + 1) & mask
                }
                if found < 0 {
                    guard count < markingLimit else { return nil }
                    found = count
                    count += 1
                    markings.append(contentsOf: next)
                    slots[slot] = Int32(found)
                    if 2 * count > slots.count {
                        slots = ReachabilityGraph.table(markings, places: places, count: count, size: 2 * slots.count)
                    }
                }
                source.append(Int32(head))
                target.append(Int32(found))
                transition.append(Int32(t))
            }
            head += 1
        }
        var start = Array(repeating: 0, count: count + 1)
        for m in target { start[Int(m) + 1] += 1 }
        for m in 0..<count { start[m + 1] += start[m] }
        var fill = start
        var incoming = Array(repeating: 0, count: target.count)
        for (e, m) in target.enumerated() {
            incoming[fill[Int(m)]] = e
            fill[Int(m)] += 1
        }
        self.places = places
        self.markings = markings
        self.slots = slots
        markingCount = count
        edgeSource = source
        edgeTarget = target
        edgeTransition = transition
        incomingStart = start
        self.incoming = incoming
        let final = net.finalMarking.map { Int32(clamping: $0) }
        finalNode = (0..<count).first { markings[$0 * places..<($0 + 1) * places].elementsEqual(final) }
    }

    /// The index of `marking`, or nil when it is not reachable.
    package func node(of marking: ArraySlice<Int32>) -> Int? {
        let mask = slots.count - 1
        var slot = ReachabilityGraph.hash(marking) & mask
        while slots[slot] >= 0 {
            let candidate = Int(slots[slot])
            if markings[candidate * places..<(candidate + 1) * places].elementsEqual(marking) { return candidate }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Per marking: the cheapest path to the final marking when firing `t` costs `weight[t]` (Dijkstra
    /// backwards from the final marking; Int.max where the final marking is unreachable).
    package func distancesToFinal(weight: [Int]) -> [Int] {
        var distance = Array(repeating: Int.max, count: markingCount)
        guard let finalNode else { return distance }
        distance[finalNode] = 0
        var heap = [(distance: 0, node: finalNode)]
        while let (d, m) = ReachabilityGraph.popMin(&heap) {
            if d > distance[m] { continue }
            for k in incomingStart[m]..<incomingStart[m + 1] {
                let e = incoming[k]
                let source = Int(edgeSource[e])
                let candidate = d + weight[Int(edgeTransition[e])]
                if candidate < distance[source] {
                    distance[source] = candidate
                    ReachabilityGraph.push((candidate, source), &heap)
                }
            }
        }
        return distance
    }

    private static func enables(_ markings: [Int32], _ base: Int, _ t: Int, _ net: CompiledNet) -> Bool {
        for k in net.preStart[t]..<net.preStart[t + 1] where Int(markings[base + net.prePlace[k]]) < net.preWeight[k] {
            return false
        }
        return true
    }

    private static func push(_ entry: (distance: Int, node: Int), _ heap: inout [(distance: Int, node: Int)]) {
        heap.append(entry)
        var i = heap.count - 1
        while i > 0, heap[i].distance < heap[(i - 1) / 2].distance {
            heap.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    private static func popMin(_ heap: inout [(distance: Int, node: Int)]) -> (Int, Int)? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        var i = 0
        while true {
            var smallest = i
            let left = 2 * i + 1, right = left + 1
            if left < heap.count && heap[left].distance < heap[smallest].distance { smallest = left }
            if right < heap.count && heap[right].distance < heap[smallest].distance { smallest = right }
            if smallest == i { break }
            heap.swapAt(i, smallest)
            i = smallest
        }
        return top
    }

    private static func hash(_ marking: ArraySlice<Int32>) -> Int {
        var mixed: UInt64 = 0xCBF2_9CE4_8422_2325
        for tokens in marking { mixed = (mixed ^ UInt64(UInt32(bitPattern: tokens))) &* 0x1000_0000_01B3 }
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed & 0x7FFF_FFFF_FFFF_FFFF)
    }

    private static func table(_ markings: [Int32], places: Int, count: Int, size: Int) -> [Int32] {
        var slots = Array(repeating: Int32(-1), count: size)
        for m in 0..<count {
            var slot = hash(markings[m * places..<(m + 1) * places]) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(m)
        }
        return slots
    }
}
