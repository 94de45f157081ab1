/// Which visible labels can still occur from each reachable marking of a net, and which can occur after
/// each label, computed once per net on its reachability graph.
///
/// For a reachable marking `M`, `E(M)` is the set of labels of the visible transitions that fire in some
/// firing sequence from `M`. For a label `a`, `followers(a)` is the union of `E(M')` over the reachable
/// steps `M —t→ M'` with `λ(t) = a`: every label that can fire after an `a` in one run. Both are exact on
/// the reachable markings (a fixpoint over the graph's edges). Building gives up, returning nil, when the
/// net has more than `markingLimit` reachable markings (large or unbounded state spaces).
package struct EventualLabels: Sendable {
    /// 64-bit words per label set.
    private let words: Int
    private let places: Int
    /// Reachable markings, `places` counts each, in discovery order.
    private let markings: [Int32]
    /// Open-addressing table of marking indexes (-1: empty).
    private let slots: [Int32]
    /// `E(M)` per marking, `words` words each.
    private let eventually: [UInt64]
    /// `followers(a)` per label code, `words` words each.
    private let following: [UInt64]

    package init?(net: CompiledNet, markingLimit: Int = 100_000) {
        let places = net.placeCount
        let words = max(1, (net.labelNames.count + 63) / 64)
        var markings = net.initialMarking.map { Int32(clamping: $0) }
        var slots = Array(repeating: Int32(-1), count: 1024)
        var count = 1
        slots[EventualLabels.hash(markings[0..<places]) & (slots.count - 1)] = 0
        var edgeSource: [Int32] = [], edgeTarget: [Int32] = [], edgeLabel: [Int32] = []
        var next = Array(repeating: Int32(0), count: places)
        var head = 0
        while head < count {
            let base = head * places
            for t in 0..<net.transitionCount {
                var enabled = true
                for k in net.preStart[t]..<net.preStart[t + 1] where Int(markings[base + net.prePlace[k]]) < net.preWeight[k] {
                    enabled = false
                    break
                }
                guard enabled else { continue }
                for p in 0..<places { next[p] = markings[base + p] }
                for k in net.preStart[t]..<net.preStart[t + 1] { next[net.prePlace[k]] -= Int32(net.preWeight[k]) }
                for k in net.postStart[t]..<net.postStart[t + 1] { next[net.postPlace[k]] += Int32(net.postWeight[k]) }
                var slot = EventualLabels.hash(next[0..<places]) & (slots.count - 1)
                var target = -1
                while slots[slot] >= 0 {
                    let candidate = Int(slots[slot])
                    if markings[candidate * places..<(candidate + 1) * places].elementsEqual(next) {
                        target = candidate
                        break
                    }
                    slot = (slot + 1) & (slots.count - 1)
                }
                if target < 0 {
                    guard count < markingLimit else { return nil }
                    target = count
                    count += 1
                    markings.append(contentsOf: next)
                    slots[slot] = Int32(target)
                    if 2 * count > slots.count {
                        slots = EventualLabels.table(markings, places: places, count: count, size: 2 * slots.count)
                    }
                }
                edgeSource.append(Int32(head))
                edgeTarget.append(Int32(target))
                edgeLabel.append(net.label[t])
            }
            head += 1
        }
        // E(M): labels of the visible steps out of M, then propagated backwards along every edge.
        var eventually = Array(repeating: UInt64(0), count: count * words)
        var incomingStart = Array(repeating: 0, count: count + 1)
        for target in edgeTarget { incomingStart[Int(target) + 1] += 1 }
        for m in 0..<count { incomingStart[m + 1] += incomingStart[m] }
        var fill = incomingStart
        var incoming = Array(repeating: 0, count: edgeTarget.count)
        for (e, target) in edgeTarget.enumerated() {
            incoming[fill[Int(target)]] = e
            fill[Int(target)] += 1
            let label = Int(edgeLabel[e])
            if label >= 0 { eventually[Int(edgeSource[e]) * words + label / 64] |= 1 << UInt64(label % 64) }
        }
        var pending = Array(0..<count)
        var isPending = Array(repeating: true, count: count)
        while let m = pending.popLast() {
            isPending[m] = false
            for k in incomingStart[m]..<incomingStart[m + 1] {
                let source = Int(edgeSource[incoming[k]])
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
        for e in edgeTarget.indices where edgeLabel[e] >= 0 {
            let label = Int(edgeLabel[e]), target = Int(edgeTarget[e])
            for w in 0..<words { following[label * words + w] |= eventually[target * words + w] }
        }
        self.words = words
        self.places = places
        self.markings = markings
        self.slots = slots
        self.eventually = eventually
        self.following = following
    }

    /// The index of a reachable marking, or nil when `marking` is not reachable.
    package func node(of marking: ArraySlice<Int32>) -> Int? {
        var slot = EventualLabels.hash(marking) & (slots.count - 1)
        while slots[slot] >= 0 {
            let candidate = Int(slots[slot])
            if markings[candidate * places..<(candidate + 1) * places].elementsEqual(marking) { return candidate }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Whether `label` can fire in some firing sequence from the marking with index `node`.
    package func canOccur(_ label: Int32, from node: Int) -> Bool {
        eventually[node * words + Int(label) / 64] & (1 << UInt64(label % 64)) != 0
    }

    /// Whether `label` can fire after a transition labelled `previous` in some run.
    package func canFollow(_ label: Int32, after previous: Int32) -> Bool {
        following[Int(previous) * words + Int(label) / 64] & (1 << UInt64(label % 64)) != 0
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
