extension ObjectCentricLog {
    /// Builds the derived indexes: ``timeOrder`` and the object → events CSR (distinct events, by time).
    /// - Complexity: O(E log E + R) for E events and R relations.
    mutating func buildIndexes() {
        let times = eventTimes
        var order = (0 ..< Int32(eventCount)).map { $0 }
        if !zip(times.dropLast(), times.dropFirst()).allSatisfy({ $0 <= $1 }) {
            order.sort { times[Int($0)] != times[Int($1)] ? times[Int($0)] < times[Int($1)] : $0 < $1 }
        }
        timeOrder = order
        // Count, then fill, the events of each object in time order; an event related twice to the same
        // object (with two qualifiers) is listed once.
        var counts = [Int32](repeating: 0, count: objectCount + 1)
        var lastEvent = [Int32](repeating: -1, count: objectCount)
        for e in order {
            for o in objects(of: Int(e)) where lastEvent[Int(o)] != e {
                lastEvent[Int(o)] = e
                counts[Int(o) + 1] += 1
            }
        }
        for o in 0 ..< objectCount { counts[o + 1] += counts[o] }
        var cursor = Array(counts.dropLast())
        var events = [Int32](repeating: 0, count: Int(counts[objectCount]))
        for i in lastEvent.indices { lastEvent[i] = -1 }
        for e in order {
            for o in objects(of: Int(e)) where lastEvent[Int(o)] != e {
                lastEvent[Int(o)] = e
                events[Int(cursor[Int(o)])] = e
                cursor[Int(o)] += 1
            }
        }
        objectEventOffsets = counts
        objectEvents = events
    }
}
