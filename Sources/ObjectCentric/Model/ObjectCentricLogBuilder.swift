import EventLog

/// Accumulates an object-centric log as readers see it (ids and names as bytes, relations by object id)
/// and resolves it into an ``ObjectCentricLog``: ids interned, relations turned into indexes, CSR indexes
/// built both ways, records put into a canonical order so every format yields the same log.
///
/// Violations are thrown as positioned ``ObjectCentricError``s, or skipped and recorded in ``issues`` when
/// the import is lenient. Readers give each event and object a source position; `locate` turns it into a
/// ``ObjectCentricError/Location`` only when an error needs it.
struct ObjectCentricLogBuilder {
    let options: OCELImportOptions
    private(set) var issues: [ObjectCentricIssue] = []

    private(set) var eventTypes: [ObjectCentricLog.TypeDeclaration] = []
    private(set) var objectTypes: [ObjectCentricLog.TypeDeclaration] = []
    private var eventTypeNames = ByteInterner()
    private var objectTypeNames = ByteInterner()
    /// Type-name code → declared index (-1 while only referenced).
    private var eventTypeByName: [Int32] = []
    private var objectTypeByName: [Int32] = []
    private var attributeNames = ByteInterner()
    /// Per declared type: attribute-name code → attribute index.
    private var eventAttributeByName: [[Int32: Int32]] = []
    private var objectAttributeByName: [[Int32: Int32]] = []

    private var qualifierNames = ByteInterner()
    private var objectIDNames = ByteInterner()
    /// Object-id code → object index (-1 while only referenced).
    private var objectByID: [Int32] = []
    private var eventIDNames = ByteInterner()

    private var eventIDCodes: [Int32] = []
    private var eventTypeCodes: [Int32] = []
    private var eventTimes: [Int64] = []
    private var eventPositions: [Int] = []
    private var eventAttributeOffsets: [Int32] = [0]
    private var eventAttributeKeys: [Int32] = []
    private var eventAttributeValues: [OCELValue] = []
    private var e2oOffsets: [Int32] = [0]
    private var e2oObjectCodes: [Int32] = []
    private var e2oQualifiers: [Int32] = []

    private var objectIDCodes: [Int32] = []
    private var objectTypeCodes: [Int32] = []
    private var objectPositions: [Int] = []
    private var objectAttributeOffsets: [Int32] = [0]
    private var objectAttributeKeys: [Int32] = []
    private var objectAttributeTimes: [Int64] = []
    private var objectAttributeValues: [OCELValue] = []
    private var objectAttributeIsInitial: [Bool] = []
    private var o2oOffsets: [Int32] = [0]
    private var o2oTargetCodes: [Int32] = []
    private var o2oQualifiers: [Int32] = []

    var provenance: [String] = []

    init(options: OCELImportOptions) {
        self.options = options
    }

    var eventCount: Int { eventIDCodes.count }
    var objectCount: Int { objectIDCodes.count }

    // MARK: Problems

    /// Throws `error` in strict mode; records it as skipping `what` in lenient mode.
    mutating func problem(_ error: ObjectCentricError, skipping what: String) throws {
        guard options.lenient else { throw error }
        issues.append(ObjectCentricIssue(error: error, skipped: what))
    }

    // MARK: Types

    /// Declares an event type; a second declaration of the same name is a ``ObjectCentricError/Code/duplicateType``.
    mutating func declareEventType(_ declaration: ObjectCentricLog.TypeDeclaration, at location: @autoclosure () -> ObjectCentricError.Location) throws {
        let code = Self.intern(declaration.name, in: &eventTypeNames, map: &eventTypeByName)
        guard eventTypeByName[Int(code)] < 0 else {
            return try problem(ObjectCentricError(.duplicateType, "event type declared twice", location: location(), excerpt: declaration.name), skipping: "event type")
        }
        eventTypeByName[Int(code)] = Int32(eventTypes.count)
        eventTypes.append(declaration)
        eventAttributeByName.append(attributeIndex(declaration.attributes))
    }

    mutating func declareObjectType(_ declaration: ObjectCentricLog.TypeDeclaration, at location: @autoclosure () -> ObjectCentricError.Location) throws {
        let code = Self.intern(declaration.name, in: &objectTypeNames, map: &objectTypeByName)
        guard objectTypeByName[Int(code)] < 0 else {
            return try problem(ObjectCentricError(.duplicateType, "object type declared twice", location: location(), excerpt: declaration.name), skipping: "object type")
        }
        objectTypeByName[Int(code)] = Int32(objectTypes.count)
        objectTypes.append(declaration)
        objectAttributeByName.append(attributeIndex(declaration.attributes))
    }

    /// Adds an attribute to an already declared type (OCEL 1.0 declares attributes by use, not up front).
    mutating func extendEventType(_ type: Int32, with attribute: ObjectCentricLog.AttributeDeclaration) -> Int32 {
        let key = Int32(eventTypes[Int(type)].attributes.count)
        eventTypes[Int(type)].attributes.append(attribute)
        eventAttributeByName[Int(type)][internAttributeName(attribute.name)] = key
        return key
    }

    mutating func extendObjectType(_ type: Int32, with attribute: ObjectCentricLog.AttributeDeclaration) -> Int32 {
        let key = Int32(objectTypes[Int(type)].attributes.count)
        objectTypes[Int(type)].attributes.append(attribute)
        objectAttributeByName[Int(type)][internAttributeName(attribute.name)] = key
        return key
    }

    /// The declared index of the event type named by `bytes`, or nil.
    mutating func eventType(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        let code = eventTypeNames.intern(bytes)
        if Int(code) >= eventTypeByName.count { eventTypeByName.append(-1) }
        let t = eventTypeByName[Int(code)]
        return t >= 0 ? t : nil
    }

    mutating func objectType(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        let code = objectTypeNames.intern(bytes)
        if Int(code) >= objectTypeByName.count { objectTypeByName.append(-1) }
        let t = objectTypeByName[Int(code)]
        return t >= 0 ? t : nil
    }

    mutating func eventType(_ name: String) -> Int32? {
        var name = name
        return name.withUTF8 { eventType(UnsafeRawBufferPointer($0)) }
    }

    mutating func objectType(_ name: String) -> Int32? {
        var name = name
        return name.withUTF8 { objectType(UnsafeRawBufferPointer($0)) }
    }

    /// The attribute named by `bytes` of event type `type`: its index and declared type.
    mutating func eventAttribute(of type: Int32, _ bytes: UnsafeRawBufferPointer) -> (key: Int32, type: OCELAttributeType)? {
        let code = attributeNames.intern(bytes)
        guard let key = eventAttributeByName[Int(type)][code] else { return nil }
        return (key, eventTypes[Int(type)].attributes[Int(key)].type)
    }

    mutating func objectAttribute(of type: Int32, _ bytes: UnsafeRawBufferPointer) -> (key: Int32, type: OCELAttributeType)? {
        let code = attributeNames.intern(bytes)
        guard let key = objectAttributeByName[Int(type)][code] else { return nil }
        return (key, objectTypes[Int(type)].attributes[Int(key)].type)
    }

    // MARK: Events

    /// Starts an event; returns false (after reporting, in lenient mode) when its id was already used.
    /// The event's attributes and relations follow, then ``endEvent()``.
    mutating func beginEvent(id: UnsafeRawBufferPointer, type: Int32, time: Int64, position: Int,
                             at location: () -> ObjectCentricError.Location) throws -> Bool {
        let (code, isNew) = internEventID(id)
        guard isNew else {
            try problem(ObjectCentricError(.duplicateEventID, "event id used twice", location: location(),
                                           excerpt: String(decoding: id, as: UTF8.self)), skipping: "event")
            return false
        }
        beginEvent(idCode: code, type: type, time: time, position: position)
        return true
    }

    /// The code of an event id and whether it is new: for readers that meet ids before their events (SQLite
    /// lists ids, times and relations in different tables). Codes are dense, in order of first appearance.
    mutating func internEventID(_ id: UnsafeRawBufferPointer) -> (code: Int32, isNew: Bool) {
        let before = eventIDNames.count
        let code = eventIDNames.intern(id)
        return (code, eventIDNames.count > before)
    }

    /// The id of event-id code `code` (for error excerpts).
    func eventID(_ code: Int32) -> String {
        eventIDNames.string(code)
    }

    /// Starts an event whose id was interned with ``internEventID(_:)`` and found new.
    mutating func beginEvent(idCode: Int32, type: Int32, time: Int64, position: Int) {
        eventIDCodes.append(idCode)
        eventTypeCodes.append(type)
        eventTimes.append(time)
        eventPositions.append(position)
    }

    mutating func appendEventAttribute(key: Int32, value: OCELValue) {
        eventAttributeKeys.append(key)
        eventAttributeValues.append(value)
    }

    mutating func appendE2O(object id: UnsafeRawBufferPointer, qualifier: UnsafeRawBufferPointer) {
        appendE2O(objectCode: objectIDCode(id), qualifierCode: qualifierCode(qualifier))
    }

    /// Adds a relation of the current event by codes from ``objectIDCode(_:)`` and ``qualifierCode(_:)``.
    mutating func appendE2O(objectCode: Int32, qualifierCode: Int32) {
        e2oObjectCodes.append(objectCode)
        e2oQualifiers.append(qualifierCode)
    }

    /// The code of an object id, whether or not an object with that id was added (yet).
    mutating func objectIDCode(_ id: UnsafeRawBufferPointer) -> Int32 {
        Self.intern(id, in: &objectIDNames, map: &objectByID)
    }

    mutating func qualifierCode(_ qualifier: UnsafeRawBufferPointer) -> Int32 {
        qualifierNames.intern(qualifier)
    }

    mutating func endEvent() {
        eventAttributeOffsets.append(Int32(eventAttributeKeys.count))
        e2oOffsets.append(Int32(e2oObjectCodes.count))
    }

    // MARK: Objects

    /// Starts an object; returns false (after reporting) when its id was already used.
    mutating func beginObject(id: UnsafeRawBufferPointer, type: Int32, position: Int, at location: () -> ObjectCentricError.Location) throws -> Bool {
        let code = Self.intern(id, in: &objectIDNames, map: &objectByID)
        guard objectByID[Int(code)] < 0 else {
            try problem(ObjectCentricError(.duplicateObjectID, "object id used twice", location: location(),
                                           excerpt: String(decoding: id, as: UTF8.self)), skipping: "object")
            return false
        }
        objectByID[Int(code)] = Int32(objectIDCodes.count)
        objectIDCodes.append(code)
        objectTypeCodes.append(type)
        objectPositions.append(position)
        return true
    }

    mutating func appendObjectAttribute(key: Int32, time: Int64, value: OCELValue, isInitial: Bool) {
        objectAttributeKeys.append(key)
        objectAttributeTimes.append(time)
        objectAttributeValues.append(value)
        objectAttributeIsInitial.append(isInitial)
    }

    mutating func appendO2O(target id: UnsafeRawBufferPointer, qualifier: UnsafeRawBufferPointer) {
        o2oTargetCodes.append(Self.intern(id, in: &objectIDNames, map: &objectByID))
        o2oQualifiers.append(qualifierNames.intern(qualifier))
    }

    mutating func endObject() {
        objectAttributeOffsets.append(Int32(objectAttributeKeys.count))
        o2oOffsets.append(Int32(o2oTargetCodes.count))
    }

    /// Adds attribute records to an object already ended (SQLite and OCEL 1.0 keep them apart from the
    /// object rows). Records are kept per object and merged in ``build(locate:)``.
    mutating func appendLateObjectAttribute(object: Int32, key: Int32, time: Int64, value: OCELValue, isInitial: Bool) {
        lateAttributes.append((object, key, time, value, isInitial))
    }

    private var lateAttributes: [(Int32, Int32, Int64, OCELValue, Bool)] = []

    /// Adds an O2O relation to an object already ended (SQLite keeps them in their own table).
    mutating func appendLateO2O(source id: UnsafeRawBufferPointer, target: UnsafeRawBufferPointer, qualifier: UnsafeRawBufferPointer, position: Int) {
        let s = Self.intern(id, in: &objectIDNames, map: &objectByID)
        let t = Self.intern(target, in: &objectIDNames, map: &objectByID)
        lateO2O.append((s, t, qualifierNames.intern(qualifier), position))
    }

    private var lateO2O: [(Int32, Int32, Int32, Int)] = []

    /// The object index for an id, if an object with that id was added.
    mutating func object(withID id: UnsafeRawBufferPointer) -> Int32? {
        let code = Self.intern(id, in: &objectIDNames, map: &objectByID)
        let o = objectByID[Int(code)]
        return o >= 0 ? o : nil
    }

    // MARK: Build

    /// Kinds of source positions handed to `locate`.
    enum Site {
        case event(Int)
        case eventRelation(Int, Int)
        case object(Int)
        case objectRelation(Int, Int)
        case o2oRow(Int)
    }

    /// Resolves relations and builds the log. `locate` maps a source position to a location for errors.
    mutating func build(locate: (Site) -> ObjectCentricError.Location) throws -> ObjectCentricLog {
        try mergeLateRecords(locate: locate)
        let objectCount = objectIDCodes.count
        // Resolve E2O.
        var e2oObjects: [Int32] = []
        e2oObjects.reserveCapacity(e2oObjectCodes.count)
        var keptQualifiers: [Int32] = []
        keptQualifiers.reserveCapacity(e2oQualifiers.count)
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(eventIDCodes.count + 1)
        for e in eventIDCodes.indices {
            for r in Int(e2oOffsets[e]) ..< Int(e2oOffsets[e + 1]) {
                let o = objectByID[Int(e2oObjectCodes[r])]
                if o < 0 {
                    try problem(ObjectCentricError(.missingObject, "event refers to an object that is not in the log",
                                                   location: locate(.eventRelation(eventPositions[e], r - Int(e2oOffsets[e]))),
                                                   excerpt: objectIDNames.string(e2oObjectCodes[r])), skipping: "relation")
                    continue
                }
                e2oObjects.append(o)
                keptQualifiers.append(e2oQualifiers[r])
            }
            offsets.append(Int32(e2oObjects.count))
        }
        // Resolve O2O.
        var o2oTargets: [Int32] = []
        var o2oKeptQualifiers: [Int32] = []
        var o2oNewOffsets: [Int32] = [0]
        o2oNewOffsets.reserveCapacity(objectCount + 1)
        for o in 0 ..< objectCount {
            for r in Int(o2oOffsets[o]) ..< Int(o2oOffsets[o + 1]) {
                let t = objectByID[Int(o2oTargetCodes[r])]
                let site = ObjectCentricLogBuilder.Site.objectRelation(objectPositions[o], r - Int(o2oOffsets[o]))
                if t < 0 {
                    try problem(ObjectCentricError(.missingObject, "object relation points to an object that is not in the log",
                                                   location: locate(site), excerpt: objectIDNames.string(o2oTargetCodes[r])), skipping: "relation")
                    continue
                }
                if t == Int32(o) {
                    try problem(ObjectCentricError(.selfRelation, "object related to itself", location: locate(site),
                                                   excerpt: objectIDNames.string(o2oTargetCodes[r])), skipping: "relation")
                    continue
                }
                o2oTargets.append(t)
                o2oKeptQualifiers.append(o2oQualifiers[r])
            }
            o2oNewOffsets.append(Int32(o2oTargets.count))
        }
        // Qualifiers in sorted order, so logs from different formats compare equal.
        let qualifierStrings = qualifierNames.strings()
        let sortedQualifiers = qualifierStrings.indices.sorted { qualifierStrings[$0] < qualifierStrings[$1] }
        var qualifierRemap = [Int32](repeating: 0, count: qualifierStrings.count)
        for (rank, q) in sortedQualifiers.enumerated() { qualifierRemap[q] = Int32(rank) }
        let eventIDStrings = eventIDNames.strings()
        let objectIDStrings = objectIDNames.strings()
        var (keys, values) = (eventAttributeKeys, eventAttributeValues)
        Self.sortRecords(offsets: eventAttributeOffsets, keys: &keys, values: &values)
        var objectKeys = objectAttributeKeys, objectTimes = objectAttributeTimes
        var objectValues = objectAttributeValues, objectInitial = objectAttributeIsInitial
        Self.sortTimedRecords(offsets: objectAttributeOffsets, keys: &objectKeys, times: &objectTimes,
                              values: &objectValues, initial: &objectInitial)
        var log = ObjectCentricLog(
            eventTypes: eventTypes, objectTypes: objectTypes,
            qualifiers: sortedQualifiers.map { qualifierStrings[$0] },
            eventIDs: eventIDCodes.map { eventIDStrings[Int($0)] }, eventTypeCodes: eventTypeCodes, eventTimes: eventTimes,
            eventAttributeOffsets: eventAttributeOffsets, eventAttributeKeys: keys, eventAttributeValues: values,
            objectIDs: objectIDCodes.map { objectIDStrings[Int($0)] }, objectTypeCodes: objectTypeCodes,
            objectAttributeOffsets: objectAttributeOffsets, objectAttributeKeys: objectKeys,
            objectAttributeTimes: objectTimes, objectAttributeValues: objectValues,
            objectAttributeIsInitial: objectInitial,
            e2oOffsets: offsets, e2oObjects: e2oObjects, e2oQualifiers: keptQualifiers.map { qualifierRemap[Int($0)] },
            o2oOffsets: o2oNewOffsets, o2oTargets: o2oTargets, o2oQualifiers: o2oKeptQualifiers.map { qualifierRemap[Int($0)] },
            timeOrder: [], objectEventOffsets: [], objectEvents: [], provenance: provenance)
        log.buildIndexes()
        return log
    }

    private mutating func mergeLateRecords(locate: (Site) -> ObjectCentricError.Location) throws {
        if !lateAttributes.isEmpty {
            let records = lateAttributes
            lateAttributes = []
            var counts = [Int32](repeating: 0, count: objectIDCodes.count + 1)
            for o in 0 ..< objectIDCodes.count { counts[o + 1] = objectAttributeOffsets[o + 1] - objectAttributeOffsets[o] }
            for r in records { counts[Int(r.0) + 1] += 1 }
            var newOffsets = [Int32](repeating: 0, count: objectIDCodes.count + 1)
            for o in 0 ..< objectIDCodes.count { newOffsets[o + 1] = newOffsets[o] + counts[o + 1] }
            let total = Int(newOffsets[objectIDCodes.count])
            var keys = [Int32](repeating: 0, count: total), times = [Int64](repeating: 0, count: total)
            var values = [OCELValue](repeating: .boolean(false), count: total), initial = [Bool](repeating: false, count: total)
            var cursor = Array(newOffsets.dropLast())
            for o in 0 ..< objectIDCodes.count {
                for r in Int(objectAttributeOffsets[o]) ..< Int(objectAttributeOffsets[o + 1]) {
                    let at = Int(cursor[o])
                    (keys[at], times[at], values[at], initial[at]) = (objectAttributeKeys[r], objectAttributeTimes[r], objectAttributeValues[r], objectAttributeIsInitial[r])
                    cursor[o] += 1
                }
            }
            for r in records {
                let at = Int(cursor[Int(r.0)])
                (keys[at], times[at], values[at], initial[at]) = (r.1, r.2, r.3, r.4)
                cursor[Int(r.0)] += 1
            }
            (objectAttributeOffsets, objectAttributeKeys, objectAttributeTimes) = (newOffsets, keys, times)
            (objectAttributeValues, objectAttributeIsInitial) = (values, initial)
        }
        if !lateO2O.isEmpty {
            let rows = lateO2O
            lateO2O = []
            var perSource = [[(Int32, Int32)]](repeating: [], count: objectIDCodes.count)
            for o in 0 ..< objectIDCodes.count {
                for r in Int(o2oOffsets[o]) ..< Int(o2oOffsets[o + 1]) { perSource[o].append((o2oTargetCodes[r], o2oQualifiers[r])) }
            }
            for row in rows {
                let s = objectByID[Int(row.0)]
                guard s >= 0 else {
                    try problem(ObjectCentricError(.missingObject, "object relation starts at an object that is not in the log",
                                                   location: locate(.o2oRow(row.3)), excerpt: objectIDNames.string(row.0)), skipping: "relation")
                    continue
                }
                perSource[Int(s)].append((row.1, row.2))
            }
            o2oOffsets = [0]
            o2oTargetCodes = []
            o2oQualifiers = []
            for list in perSource {
                for (t, q) in list {
                    o2oTargetCodes.append(t)
                    o2oQualifiers.append(q)
                }
                o2oOffsets.append(Int32(o2oTargetCodes.count))
            }
        }
    }

    /// Sorts each event's attributes by key (stable), the canonical order.
    private static func sortRecords(offsets: [Int32], keys: inout [Int32], values: inout [OCELValue]) {
        for e in 0 ..< offsets.count - 1 {
            let range = Int(offsets[e]) ..< Int(offsets[e + 1])
            guard range.count > 1, !zip(keys[range].dropLast(), keys[range].dropFirst()).allSatisfy({ $0 <= $1 }) else { continue }
            let order = range.sorted { (keys[$0], $0) < (keys[$1], $1) }
            let k = order.map { keys[$0] }, v = order.map { values[$0] }
            keys.replaceSubrange(range, with: k)
            values.replaceSubrange(range, with: v)
        }
    }

    /// Sorts each object's attribute records by time, then key (stable), the canonical order.
    private static func sortTimedRecords(offsets: [Int32], keys: inout [Int32], times: inout [Int64],
                                         values: inout [OCELValue], initial: inout [Bool]) {
        for o in 0 ..< offsets.count - 1 {
            let range = Int(offsets[o]) ..< Int(offsets[o + 1])
            guard range.count > 1 else { continue }
            let order = range.sorted { (times[$0], keys[$0], $0) < (times[$1], keys[$1], $1) }
            guard order != Array(range) else { continue }
            let k = order.map { keys[$0] }, t = order.map { times[$0] }
            let v = order.map { values[$0] }, i = order.map { initial[$0] }
            keys.replaceSubrange(range, with: k)
            times.replaceSubrange(range, with: t)
            values.replaceSubrange(range, with: v)
            initial.replaceSubrange(range, with: i)
        }
    }

    // MARK: Interning helpers

    private mutating func internAttributeName(_ name: String) -> Int32 {
        var name = name
        return name.withUTF8 { attributeNames.intern(UnsafeRawBufferPointer($0)) }
    }

    private mutating func attributeIndex(_ attributes: [ObjectCentricLog.AttributeDeclaration]) -> [Int32: Int32] {
        var map: [Int32: Int32] = [:]
        for (i, a) in attributes.enumerated() { map[internAttributeName(a.name)] = Int32(i) }
        return map
    }

    private static func intern(_ bytes: UnsafeRawBufferPointer, in interner: inout ByteInterner, map: inout [Int32]) -> Int32 {
        let code = interner.intern(bytes)
        if Int(code) >= map.count { map.append(-1) }
        return code
    }

    private static func intern(_ name: String, in interner: inout ByteInterner, map: inout [Int32]) -> Int32 {
        var name = name
        return name.withUTF8 { intern(UnsafeRawBufferPointer($0), in: &interner, map: &map) }
    }
}
