extension ObjectCentricLog {
    /// The events of the given types. Objects stay when some kept event relates to them.
    ///
    /// ```swift
    /// let shipping = log.filtered(eventTypes: ["Create Delivery", "Delivery Successful"])
    /// ```
    public func filtered(eventTypes names: Set<String>) -> ObjectCentricLog {
        let keep = eventTypes.map { names.contains($0.name) }
        return keepingEvents({ keep[Int(eventTypeCodes[$0])] }, step: "event types \(names.sorted())")
    }

    /// The events with `from <= time < to` (microseconds since the epoch, UTC). Objects stay when some kept
    /// event relates to them.
    public func filtered(timeFrom from: Int64, to: Int64) -> ObjectCentricLog {
        keepingEvents({ eventTimes[$0] >= from && eventTimes[$0] < to }, step: "time range [\(OCELTime.format(from)), \(OCELTime.format(to)))")
    }

    /// The objects of the given types and the events related to at least one of them.
    public func filtered(objectTypes names: Set<String>) -> ObjectCentricLog {
        let keep = objectTypes.map { names.contains($0.name) }
        return keepingObjects({ keep[Int(objectTypeCodes[$0])] }, step: "object types \(names.sorted())")
    }

    /// The objects whose attribute `attribute` ever took one of `values` (any record of its history), and the
    /// events related to at least one of them.
    public func filtered(objectAttribute attribute: String, values: Set<OCELValue>) -> ObjectCentricLog {
        let keys = objectTypes.map { $0.attributeIndex(attribute).map(Int32.init) ?? -1 }
        return keepingObjects({ o in
            let key = keys[Int(objectTypeCodes[o])]
            return key >= 0 && attributeRecords(of: o).contains { objectAttributeKeys[$0] == key && values.contains(objectAttributeValues[$0]) }
        }, step: "object attribute \(attribute) in \(values.map(\.text).sorted())")
    }

    /// The connected component of the given objects: every object reachable through shared events (E2O)
    /// or object-to-object relations (either direction), and the events of those objects.
    /// - Throws: ``ObjectCentricError`` with code `invalidArgument` for an unknown object id.
    public func connectedComponent(of objectIDs: [String]) throws -> ObjectCentricLog {
        var index: [String: Int] = [:]
        for (i, id) in self.objectIDs.enumerated() { index[id] = i }
        var reached = [Bool](repeating: false, count: objectCount)
        var eventSeen = [Bool](repeating: false, count: eventCount)
        var queue: [Int] = []
        for id in objectIDs {
            guard let o = index[id] else { throw ObjectCentricError(.invalidArgument, "no such object", excerpt: id) }
            if !reached[o] {
                reached[o] = true
                queue.append(o)
            }
        }
        // Reverse O2O, so relations are followed both ways.
        var incoming = [[Int32]](repeating: [], count: objectCount)
        for o in 0 ..< objectCount { for t in relatedObjects(of: o) { incoming[Int(t)].append(Int32(o)) } }
        var head = 0
        while head < queue.count {
            let o = queue[head]
            head += 1
            var neighbours = Array(relatedObjects(of: o)) + incoming[o]
            for e in events(of: o) where !eventSeen[Int(e)] {
                eventSeen[Int(e)] = true
                neighbours.append(contentsOf: objects(of: Int(e)))
            }
            for n in neighbours where !reached[Int(n)] {
                reached[Int(n)] = true
                queue.append(Int(n))
            }
        }
        return restricted(events: eventSeen, objects: reached, step: "connected component of \(objectIDs.count) object(s)")
    }

    private func keepingEvents(_ keep: (Int) -> Bool, step: String) -> ObjectCentricLog {
        let events = (0 ..< eventCount).map(keep)
        var objects = [Bool](repeating: false, count: objectCount)
        for e in 0 ..< eventCount where events[e] { for o in self.objects(of: e) { objects[Int(o)] = true } }
        return restricted(events: events, objects: objects, step: step)
    }

    private func keepingObjects(_ keep: (Int) -> Bool, step: String) -> ObjectCentricLog {
        let objects = (0 ..< objectCount).map(keep)
        let events = (0 ..< eventCount).map { e in self.objects(of: e).contains { objects[Int($0)] } }
        return restricted(events: events, objects: objects, step: step)
    }

    /// The log restricted to the kept events and objects; relations with a removed end are dropped and the
    /// step is added to the provenance.
    func restricted(events keepEvent: [Bool], objects keepObject: [Bool], step: String) -> ObjectCentricLog {
        var objectMap = [Int32](repeating: -1, count: objectCount)
        var next: Int32 = 0
        for o in 0 ..< objectCount where keepObject[o] {
            objectMap[o] = next
            next += 1
        }
        var result = self
        result.eventIDs = []
        result.eventTypeCodes = []
        result.eventTimes = []
        result.eventAttributeOffsets = [0]
        result.eventAttributeKeys = []
        result.eventAttributeValues = []
        result.e2oOffsets = [0]
        result.e2oObjects = []
        result.e2oQualifiers = []
        for e in 0 ..< eventCount where keepEvent[e] {
            result.eventIDs.append(eventIDs[e])
            result.eventTypeCodes.append(eventTypeCodes[e])
            result.eventTimes.append(eventTimes[e])
            for r in attributes(of: e) {
                result.eventAttributeKeys.append(eventAttributeKeys[r])
                result.eventAttributeValues.append(eventAttributeValues[r])
            }
            result.eventAttributeOffsets.append(Int32(result.eventAttributeKeys.count))
            for (o, q) in zip(objects(of: e), objectQualifiers(of: e)) where objectMap[Int(o)] >= 0 {
                result.e2oObjects.append(objectMap[Int(o)])
                result.e2oQualifiers.append(q)
            }
            result.e2oOffsets.append(Int32(result.e2oObjects.count))
        }
        result.objectIDs = []
        result.objectTypeCodes = []
        result.objectAttributeOffsets = [0]
        result.objectAttributeKeys = []
        result.objectAttributeTimes = []
        result.objectAttributeValues = []
        result.objectAttributeIsInitial = []
        result.o2oOffsets = [0]
        result.o2oTargets = []
        result.o2oQualifiers = []
        for o in 0 ..< objectCount where keepObject[o] {
            result.objectIDs.append(objectIDs[o])
            result.objectTypeCodes.append(objectTypeCodes[o])
            for r in attributeRecords(of: o) {
                result.objectAttributeKeys.append(objectAttributeKeys[r])
                result.objectAttributeTimes.append(objectAttributeTimes[r])
                result.objectAttributeValues.append(objectAttributeValues[r])
                result.objectAttributeIsInitial.append(objectAttributeIsInitial[r])
            }
            result.objectAttributeOffsets.append(Int32(result.objectAttributeKeys.count))
            for r in Int(o2oOffsets[o]) ..< Int(o2oOffsets[o + 1]) where objectMap[Int(o2oTargets[r])] >= 0 {
                result.o2oTargets.append(objectMap[Int(o2oTargets[r])])
                result.o2oQualifiers.append(o2oQualifiers[r])
            }
            result.o2oOffsets.append(Int32(result.o2oTargets.count))
        }
        result.provenance.append("filtered: \(step) (\(eventCount) → \(result.eventIDs.count) events, \(objectCount) → \(result.objectIDs.count) objects)")
        result.buildIndexes()
        return result
    }
}
