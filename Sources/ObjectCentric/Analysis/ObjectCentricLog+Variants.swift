/// One variant of a log flattened on an object type: an activity sequence and how many objects follow it.
public struct ObjectCentricVariant: Hashable, Sendable {
    public var activities: [String]
    public var count: Int
}

extension ObjectCentricLog {
    /// The variants of the log flattened on `objectType`: per object, the activities of its events in time
    /// order; sorted by count (descending), then by the activity sequence (code-point order), as PM4Py
    /// lists them. Objects without events have no trace and no variant.
    /// - Complexity: O(R + V log V) for R relations and V variants.
    public func variants(objectType name: String) -> [ObjectCentricVariant] {
        guard let t = objectTypeIndex(name) else { return [] }
        var counts: [[Int32]: Int] = [:]
        var sequence: [Int32] = []
        for o in 0 ..< objectCount where objectTypeCodes[o] == Int32(t) {
            let events = events(of: o)
            guard !events.isEmpty else { continue }
            sequence.removeAll(keepingCapacity: true)
            for e in events { sequence.append(eventTypeCodes[Int(e)]) }
            counts[sequence, default: 0] += 1
        }
        let names = eventTypes.map { Array($0.name.utf8) }
        let sorted = counts.sorted { lhs, rhs in
            if lhs.value != rhs.value { return lhs.value > rhs.value }
            return lhs.key.lexicographicallyPrecedes(rhs.key) { names[Int($0)].lexicographicallyPrecedes(names[Int($1)]) }
        }
        return sorted.map { ObjectCentricVariant(activities: $0.key.map { eventTypes[Int($0)].name }, count: $0.value) }
    }
}
