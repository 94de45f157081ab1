import EventLog

/// An object-centric event log (OCEL 2.0) in columnar, interned form.
///
/// Events carry an id, a type, a time in microseconds and typed attributes of their type; objects carry
/// an id, a type and attribute values with their change history. Event-to-object (E2O) and
/// object-to-object (O2O) relations carry qualifiers. Every relation is stored as a CSR index (offsets
/// into flat `Int32` arrays) in both directions, so the events of an object, the objects of an event and
/// one type's lifecycle are slices, not copies.
///
/// ```swift
/// let log = try ObjectCentricLog(contentsOf: URL(fileURLWithPath: "orders.jsonocel"))
/// for object in log.objects(ofType: "order") {
///     let activities = log.events(of: object).map { log.activity(of: $0) }
/// }
/// let dfg = ObjectCentricDFG(log)
/// ```
///
/// Events keep the order of the source file; ``timeOrder`` lists them by time (stable, ties in file order),
/// which is the order PM4Py uses, and ``events(of:)`` returns an object's events in that order.
public struct ObjectCentricLog: Sendable, Equatable {
    /// A declared attribute of an event or object type.
    public struct AttributeDeclaration: Hashable, Sendable {
        public var name: String
        public var type: OCELAttributeType
        public init(name: String, type: OCELAttributeType) {
            self.name = name
            self.type = type
        }
    }

    /// A declared event or object type with its attributes.
    public struct TypeDeclaration: Hashable, Sendable {
        public var name: String
        public var attributes: [AttributeDeclaration]
        public init(name: String, attributes: [AttributeDeclaration] = []) {
            self.name = name
            self.attributes = attributes
        }

        /// The index of the attribute named `name`, if declared.
        public func attributeIndex(_ name: String) -> Int? { attributes.firstIndex { $0.name == name } }
    }

    // MARK: Types and qualifiers

    /// Declared event types; an event's type is an index into this array.
    public internal(set) var eventTypes: [TypeDeclaration]
    /// Declared object types; an object's type is an index into this array.
    public internal(set) var objectTypes: [TypeDeclaration]
    /// Distinct relation qualifiers; E2O and O2O qualifiers are indexes into this array.
    public internal(set) var qualifiers: [String]

    // MARK: Events (one entry per event, file order)

    public internal(set) var eventIDs: [String]
    public internal(set) var eventTypeCodes: [Int32]
    /// Microseconds since the Unix epoch (UTC).
    public internal(set) var eventTimes: [Int64]
    /// CSR over events: the attributes of event `e` are `eventAttributeOffsets[e] ..< eventAttributeOffsets[e + 1]`.
    public internal(set) var eventAttributeOffsets: [Int32]
    /// Index of the attribute in its event type's declaration.
    public internal(set) var eventAttributeKeys: [Int32]
    public internal(set) var eventAttributeValues: [OCELValue]

    // MARK: Objects (one entry per object, file order)

    public internal(set) var objectIDs: [String]
    public internal(set) var objectTypeCodes: [Int32]
    /// CSR over objects: the attribute records of object `o`, ordered by time (stable).
    public internal(set) var objectAttributeOffsets: [Int32]
    /// Index of the attribute in its object type's declaration.
    public internal(set) var objectAttributeKeys: [Int32]
    /// When the value was set; 0 (the epoch) marks an initial value.
    public internal(set) var objectAttributeTimes: [Int64]
    public internal(set) var objectAttributeValues: [OCELValue]
    /// True for records the source stored as the object's initial row (SQLite's row without
    /// `ocel_changed_field`, OCEL 1.0's `ovmap`); false for records stored with their own time.
    public internal(set) var objectAttributeIsInitial: [Bool]

    // MARK: Relations

    /// CSR over events: the E2O relations of event `e`, in source order.
    public internal(set) var e2oOffsets: [Int32]
    public internal(set) var e2oObjects: [Int32]
    public internal(set) var e2oQualifiers: [Int32]
    /// CSR over objects: the O2O relations with object `o` as source, in source order.
    public internal(set) var o2oOffsets: [Int32]
    public internal(set) var o2oTargets: [Int32]
    public internal(set) var o2oQualifiers: [Int32]

    // MARK: Derived indexes

    /// Events sorted by time, ties in file order.
    public internal(set) var timeOrder: [Int32]
    /// CSR over objects: the distinct events of object `o` in ``timeOrder``.
    public internal(set) var objectEventOffsets: [Int32]
    public internal(set) var objectEvents: [Int32]

    /// Where this log came from and which filters made it.
    public internal(set) var provenance: [String]

    // MARK: Counts

    public var eventCount: Int { eventIDs.count }
    public var objectCount: Int { objectIDs.count }
    public var e2oCount: Int { e2oObjects.count }
    public var o2oCount: Int { o2oTargets.count }

    // MARK: Views

    /// The distinct events related to `object`, by time. O(1), no copy.
    public func events(of object: Int) -> ArraySlice<Int32> {
        objectEvents[Int(objectEventOffsets[object]) ..< Int(objectEventOffsets[object + 1])]
    }

    /// The objects related to `event` (one entry per E2O relation, source order). O(1), no copy.
    public func objects(of event: Int) -> ArraySlice<Int32> {
        e2oObjects[Int(e2oOffsets[event]) ..< Int(e2oOffsets[event + 1])]
    }

    /// The qualifiers of `event`'s E2O relations, aligned with ``objects(of:)``.
    public func objectQualifiers(of event: Int) -> ArraySlice<Int32> {
        e2oQualifiers[Int(e2oOffsets[event]) ..< Int(e2oOffsets[event + 1])]
    }

    /// The targets of `object`'s O2O relations. O(1), no copy.
    public func relatedObjects(of object: Int) -> ArraySlice<Int32> {
        o2oTargets[Int(o2oOffsets[object]) ..< Int(o2oOffsets[object + 1])]
    }

    /// The range of `object`'s attribute records in the `objectAttribute…` columns.
    public func attributeRecords(of object: Int) -> Range<Int> {
        Int(objectAttributeOffsets[object]) ..< Int(objectAttributeOffsets[object + 1])
    }

    /// The range of `event`'s attributes in the `eventAttribute…` columns.
    public func attributes(of event: Int) -> Range<Int> {
        Int(eventAttributeOffsets[event]) ..< Int(eventAttributeOffsets[event + 1])
    }

    /// The activity (event type name) of `event`.
    public func activity(of event: Int32) -> String { eventTypes[Int(eventTypeCodes[Int(event)])].name }

    /// The index of the object type named `name`.
    public func objectTypeIndex(_ name: String) -> Int? { objectTypes.firstIndex { $0.name == name } }

    /// The index of the event type named `name`.
    public func eventTypeIndex(_ name: String) -> Int? { eventTypes.firstIndex { $0.name == name } }

    /// The objects of the type named `name`, in file order: one object type's population.
    public func objects(ofType name: String) -> [Int] {
        guard let t = objectTypeIndex(name) else { return [] }
        let code = Int32(t)
        return objectTypeCodes.indices.filter { objectTypeCodes[$0] == code }
    }

    /// The value of `object`'s attribute `attribute` at time `time` (the latest record not after it).
    public func value(of object: Int, attribute: Int, at time: Int64 = .max) -> OCELValue? {
        var result: OCELValue?
        for r in attributeRecords(of: object) where objectAttributeKeys[r] == Int32(attribute) {
            if objectAttributeTimes[r] <= time { result = objectAttributeValues[r] } else { break }
        }
        return result
    }
}
