import EventLog

extension ObjectCentricLog {
    /// Flattens the log on one object type into an ``EventLog``: each object of that type becomes a case
    /// (`concept:name` = object id, its initial attribute values as trace attributes), holding the events
    /// related to it in time order, ties in file order (`concept:name` = activity, `time:timestamp`,
    /// `ocel:eid` = event id, and the event's attributes). An event related to several objects of the type
    /// appears in each of their cases; objects without events have no case. This is PM4Py's
    /// `ocel_flattening`, so every miner and conformance check works per object type.
    ///
    /// ```swift
    /// let orders = try log.flattened(objectType: "order")
    /// let tree = InductiveMiner().discover(from: orders)
    /// ```
    /// - Throws: ``ObjectCentricError`` with code `invalidArgument` when the type is not declared.
    public func flattened(objectType name: String) throws -> EventLog {
        guard let t = objectTypeIndex(name) else {
            throw ObjectCentricError(.invalidArgument, "no such object type", excerpt: name)
        }
        var builder = EventLogBuilder()
        for o in 0 ..< objectCount where objectTypeCodes[o] == Int32(t) {
            let events = events(of: o)
            guard !events.isEmpty else { continue }
            var traceAttributes = [Attribute(key: "concept:name", value: .string(objectIDs[o]))]
            var seen = Set<Int32>()
            for r in attributeRecords(of: o) where seen.insert(objectAttributeKeys[r]).inserted {
                let key = objectTypes[t].attributes[Int(objectAttributeKeys[r])].name
                guard key != "concept:name" else { continue }
                traceAttributes.append(Attribute(key: key, value: Self.xesValue(objectAttributeValues[r])))
            }
            builder.startTrace(attributes: traceAttributes)
            for e in events {
                let event = Int(e)
                var attributes = [Attribute(key: "ocel:eid", value: .string(eventIDs[event]))]
                let declaration = eventTypes[Int(eventTypeCodes[event])]
                for r in self.attributes(of: event) {
                    let key = declaration.attributes[Int(eventAttributeKeys[r])].name
                    guard key != "concept:name", key != "time:timestamp", key != "ocel:eid" else { continue }
                    attributes.append(Attribute(key: key, value: Self.xesValue(eventAttributeValues[r])))
                }
                builder.addEvent(activity: declaration.name, timestamp: Timestamp(microseconds: eventTimes[event], utcOffsetMinutes: 0),
                                 attributes: attributes)
            }
        }
        builder.endTrace()
        return builder.build()
    }

    static func xesValue(_ value: OCELValue) -> AttributeValue {
        switch value {
        case .string(let s): .string(s)
        case .integer(let i): .int(i)
        case .float(let d): .float(d)
        case .boolean(let b): .boolean(b)
        case .time(let t): .date(Timestamp(microseconds: t, utcOffsetMinutes: 0))
        }
    }
}
