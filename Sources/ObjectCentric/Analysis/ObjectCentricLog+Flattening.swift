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
        // Rows: the events of each object of the type, in time order; cases: those objects.
        var cases: [Int] = []
        var caseOffsets = [0]
        var rows: [Int32] = []
        for o in 0 ..< objectCount where objectTypeCodes[o] == Int32(t) {
            let events = events(of: o)
            guard !events.isEmpty else { continue }
            cases.append(o)
            rows.append(contentsOf: events)
            caseOffsets.append(rows.count)
        }
        var eventIDPool = SymbolTable()
        let eventIDCodes = rows.map { eventIDPool.intern(eventIDs[Int($0)]) }
        var eventColumns = [
            AttributeColumn(key: "concept:name", storage: .string(codes: rows.map { eventTypeCodes[Int($0)] }, pool: SymbolTable(eventTypes.map(\.name)))),
            AttributeColumn(key: "time:timestamp", storage: .date(values: rows.map { eventTimes[Int($0)] }, offsets: Array(repeating: 0, count: rows.count))),
            AttributeColumn(key: "ocel:eid", storage: .string(codes: eventIDCodes, pool: eventIDPool)),
        ]
        // Event attributes, one column per name across the event types.
        var names: [String] = []
        var declared: [String: [OCELAttributeType]] = [:]
        for type in eventTypes {
            for a in type.attributes where !["concept:name", "time:timestamp", "ocel:eid"].contains(a.name) {
                if declared[a.name] == nil { names.append(a.name) }
                declared[a.name, default: []].append(a.type)
            }
        }
        let nameIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let keyToColumn = eventTypes.map { type in type.attributes.map { nameIndex[$0.name] ?? -1 } }
        var values = [[OCELValue?]](repeating: [], count: names.count)
        if !names.isEmpty {
            for i in names.indices { values[i] = Array(repeating: nil, count: rows.count) }
            for (row, e) in rows.enumerated() {
                let columns = keyToColumn[Int(eventTypeCodes[Int(e)])]
                for r in attributes(of: Int(e)) {
                    let c = columns[Int(eventAttributeKeys[r])]
                    if c >= 0 { values[c][row] = eventAttributeValues[r] }
                }
            }
        }
        for (i, key) in names.enumerated() { eventColumns.append(Self.column(key, values[i])) }
        // Trace attributes: the object id and its initial attribute values.
        var traceColumns = [AttributeColumn(key: "concept:name", storage: .string(codes: Array(0 ..< Int32(cases.count)), pool: SymbolTable(cases.map { objectIDs[$0] })))]
        let objectAttributes = objectTypes[t].attributes
        for (k, attribute) in objectAttributes.enumerated() where attribute.name != "concept:name" {
            let column: [OCELValue?] = cases.map { o in
                attributeRecords(of: o).first { objectAttributeKeys[$0] == Int32(k) }.map { objectAttributeValues[$0] }
            }
            if column.contains(where: { $0 != nil }) { traceColumns.append(Self.column(attribute.name, column)) }
        }
        return EventLog(caseOffsets: caseOffsets, eventAttributes: AttributeTable(rowCount: rows.count, columns: eventColumns),
                        traceAttributes: AttributeTable(rowCount: cases.count, columns: traceColumns))
    }

    /// A typed column when every present value has one type, else a mixed column.
    static func column(_ key: String, _ values: [OCELValue?]) -> AttributeColumn {
        let types = Set(values.compactMap { $0?.type })
        guard types.count == 1 else {
            return AttributeColumn(key: key, storage: .mixed(values.map { $0.map { Attribute(key: key, value: xesValue($0)) } }))
        }
        switch types.first! {
        case .string:
            var pool = SymbolTable()
            let codes = values.map { v -> Int32 in if case .string(let s)? = v { return pool.intern(s) } else { return -1 } }
            return AttributeColumn(key: key, storage: .string(codes: codes, pool: pool))
        case .integer:
            let ints = values.map { v -> Int64 in if case .integer(let i)? = v { return i } else { return 0 } }
            return AttributeColumn(key: key, storage: .int(values: ints, present: values.map { $0 != nil }))
        case .float:
            let doubles = values.map { v -> Double in if case .float(let d)? = v { return d } else { return 0 } }
            return AttributeColumn(key: key, storage: .float(values: doubles, present: values.map { $0 != nil }))
        case .boolean:
            return AttributeColumn(key: key, storage: .boolean(values.map { v -> Int8 in if case .boolean(let b)? = v { return b ? 1 : 0 } else { return -1 } }))
        case .time:
            let times = values.map { v -> Int64 in if case .time(let t)? = v { return t } else { return Timestamp.missing } }
            return AttributeColumn(key: key, storage: .date(values: times, offsets: values.map { $0 == nil ? Int16.min : 0 }))
        }
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
