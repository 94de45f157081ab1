import CSQLite
import EventLog
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the OCEL 2.0 SQLite layout: `event`, `object`, `event_object`, `object_object`,
/// `event_map_type`, `object_map_type` and one `event_<type>` / `object_<type>` table per type.
///
/// Attribute types come from the declared column types (`TEXT`, `INTEGER`, `REAL`, `TIMESTAMP`,
/// `BOOLEAN`). An `object_<type>` row without `ocel_changed_field` holds the object's initial values; a row
/// with it holds one change. Events keep the order of the `event` table.
enum OCELSQLiteReader {
    static func read(path: String, fileName: String?, options: OCELImportOptions) throws -> ObjectCentricImport {
        let db = try SQLiteDatabase(path: path, readOnly: true, fileName: fileName)
        for table in ["event", "object", "event_object", "object_object", "event_map_type", "object_map_type"] {
            guard try db.hasTable(table) else {
                throw ObjectCentricError(.notOCEL, "the database has no '\(table)' table", location: .init(file: fileName, path: table))
            }
        }
        var builder = ObjectCentricLogBuilder(options: options)
        let objectTables = try readTypes(db, builder: &builder, isEvent: false)
        let eventTables = try readTypes(db, builder: &builder, isEvent: true)

        // Objects, in `object` table order.
        let objects = try db.prepare("SELECT ocel_id, ocel_type FROM object ORDER BY rowid", table: "object")
        var row = 0
        while try objects.step() {
            row += 1
            guard let id = objects.bytes(0) else { throw rowError(.missingField, "an object needs 'ocel_id'", "object", row, fileName) }
            guard let typeBytes = objects.bytes(1), let type = builder.objectType(typeBytes) else {
                try builder.problem(rowError(.unknownObjectType, "object of an undeclared type", "object", row, fileName, objects.text(1)), skipping: "object")
                continue
            }
            let r = row
            if try builder.beginObject(id: id, type: type, position: row, at: { .init(file: fileName, path: "object[row \(r)]") }) {
                builder.endObject()
            }
        }
        for (type, table) in objectTables { try readObjectTable(db, table: table, type: type, builder: &builder, fileName: fileName) }

        // Events: ids and types from `event`, times and attributes from the per-type tables. Event ids are
        // interned by the builder once, here; their codes (0, 1, 2, … in table order) index everything below.
        // Rows of the other tables usually follow the `event` table's order, so each is first checked against
        // the event expected next (a comparison with `ids`) before a hash lookup.
        var eventTypes: [Int32] = []
        var ids = EventIDs()
        let events = try db.prepare("SELECT ocel_id, ocel_type FROM event ORDER BY rowid", table: "event")
        row = 0
        var skippedTypes: [Int32: String] = [:]
        while try events.step() {
            row += 1
            guard let id = events.bytes(0) else { throw rowError(.missingField, "an event needs 'ocel_id'", "event", row, fileName) }
            guard builder.internEventID(id).isNew else {
                try builder.problem(rowError(.duplicateEventID, "event id used twice", "event", row, fileName, String(decoding: id, as: UTF8.self)), skipping: "event")
                continue
            }
            ids.append(id)
            guard let typeBytes = events.bytes(1), let type = builder.eventType(typeBytes) else {
                skippedTypes[Int32(eventTypes.count)] = events.text(1) ?? ""
                eventTypes.append(-1)
                continue
            }
            eventTypes.append(type)
        }
        let eventCount = eventTypes.count
        var times = [Int64](repeating: .min, count: eventCount)
        var attributes = EventAttributeRows()
        var eventsOfType = [[Int32]](repeating: [], count: builder.eventTypes.count)
        for (e, type) in eventTypes.enumerated() where type >= 0 { eventsOfType[Int(type)].append(Int32(e)) }
        for (type, table) in eventTables {
            try readEventTable(db, table: table, type: type, expected: eventsOfType[Int(type)], ids: ids, eventTypes: eventTypes,
                               times: &times, attributes: &attributes, builder: &builder, fileName: fileName)
        }
        let attributesByEvent = group(attributes.events, eventCount: eventCount)

        // E2O rows as codes, grouped by event below (table order kept within an event). Consecutive rows of
        // one event (the usual layout) look its id up once.
        var relationEvents: [Int32] = [], relationObjects: [Int32] = [], relationQualifiers: [Int32] = []
        let relationRows = try db.prepare("SELECT ocel_event_id, ocel_object_id, ocel_qualifier FROM event_object ORDER BY rowid", table: "event_object")
        row = 0
        var lastEvent: Int32 = -1
        while try relationRows.step() {
            row += 1
            guard let e = relationRows.bytes(0), let o = relationRows.bytes(1) else {
                throw rowError(.missingField, "a relation needs 'ocel_event_id' and 'ocel_object_id'", "event_object", row, fileName)
            }
            if ids.matches(lastEvent + 1, e) {
                lastEvent += 1
            } else if !ids.matches(lastEvent, e) {
                let (code, isNew) = builder.internEventID(e)
                guard !isNew, Int(code) < eventCount else {
                    try builder.problem(rowError(.missingEvent, "relation from an event that is not in the log", "event_object", row, fileName, String(decoding: e, as: UTF8.self)), skipping: "relation")
                    continue
                }
                lastEvent = code
            }
            let qualifier = builder.qualifierCode(relationRows.bytes(2) ?? UnsafeRawBufferPointer(start: nil, count: 0))
            relationEvents.append(lastEvent)
            relationObjects.append(builder.objectIDCode(o))
            relationQualifiers.append(qualifier)
        }
        let relationsByEvent = group(relationEvents, eventCount: eventCount)

        for e in 0 ..< eventCount {
            let type = eventTypes[e]
            guard type >= 0 else {
                try builder.problem(rowError(.unknownEventType, "event of an undeclared type", "event", e + 1, fileName, skippedTypes[Int32(e)]), skipping: "event")
                continue
            }
            guard times[e] != .min else {
                try builder.problem(rowError(.invalidTimestamp, "event without a valid time in its type's table", "event", e + 1, fileName, builder.eventID(Int32(e))), skipping: "event")
                continue
            }
            builder.beginEvent(idCode: Int32(e), type: type, time: times[e], position: e + 1)
            for r in attributesByEvent.offsets[e] ..< attributesByEvent.offsets[e + 1] {
                let i = Int(attributesByEvent.order[r])
                builder.appendEventAttribute(key: attributes.keys[i], value: attributes.values[i])
            }
            for r in relationsByEvent.offsets[e] ..< relationsByEvent.offsets[e + 1] {
                let i = Int(relationsByEvent.order[r])
                builder.appendE2O(objectCode: relationObjects[i], qualifierCode: relationQualifiers[i])
            }
            builder.endEvent()
        }

        // O2O.
        let o2o = try db.prepare("SELECT ocel_source_id, ocel_target_id, ocel_qualifier FROM object_object ORDER BY rowid", table: "object_object")
        row = 0
        while try o2o.step() {
            row += 1
            guard let s = o2o.bytes(0), let t = o2o.bytes(1) else {
                throw rowError(.missingField, "a relation needs 'ocel_source_id' and 'ocel_target_id'", "object_object", row, fileName)
            }
            let target = Array(t)
            let qualifier = o2o.bytes(2).map { Array($0) } ?? []
            let source = Array(s)
            source.withUnsafeBytes { s in target.withUnsafeBytes { t in qualifier.withUnsafeBytes { q in builder.appendLateO2O(source: s, target: t, qualifier: q, position: row) } } }
        }
        builder.provenance.append("read OCEL 2.0 SQLite\(fileName.map { " from \($0)" } ?? "")")
        let log = try builder.build { site in
            switch site {
            case .event(let r), .eventRelation(let r, _): return .init(file: fileName, path: "event[row \(r)]")
            case .object(let r), .objectRelation(let r, _): return .init(file: fileName, path: "object[row \(r)]")
            case .o2oRow(let r): return .init(file: fileName, path: "object_object[row \(r)]")
            }
        }
        return ObjectCentricImport(log: log, issues: builder.issues)
    }

    /// The ids of the `event` table's events by code, to check a row against the event expected next.
    private struct EventIDs {
        private var bytes: [UInt8] = []
        private var ends: [Int] = [0]

        mutating func append(_ id: UnsafeRawBufferPointer) {
            bytes.append(contentsOf: id)
            ends.append(bytes.count)
        }

        /// Whether event `code` (any integer; out of range is no match) has the id `id`.
        func matches(_ code: Int32, _ id: UnsafeRawBufferPointer) -> Bool {
            guard code >= 0, Int(code) + 1 < ends.count else { return false }
            let start = ends[Int(code)], end = ends[Int(code) + 1]
            guard end - start == id.count else { return false }
            return bytes.withUnsafeBytes { all in id.count == 0 || memcmp(all.baseAddress! + start, id.baseAddress!, id.count) == 0 }
        }
    }

    /// Attribute values of events as read from the per-type tables, one row per value.
    private struct EventAttributeRows {
        var events: [Int32] = []
        var keys: [Int32] = []
        var values: [OCELValue] = []
    }

    /// Rows tagged with an event index grouped by event with a counting sort: the rows of event `e` are
    /// `order[offsets[e] ..< offsets[e + 1]]`, in table order.
    private static func group(_ events: [Int32], eventCount: Int) -> (offsets: [Int], order: [Int32]) {
        var offsets = [Int](repeating: 0, count: eventCount + 1)
        for e in events { offsets[Int(e) + 1] += 1 }
        for e in 0 ..< eventCount { offsets[e + 1] += offsets[e] }
        var next = offsets
        var order = [Int32](repeating: 0, count: events.count)
        for (row, e) in events.enumerated() {
            order[next[Int(e)]] = Int32(row)
            next[Int(e)] += 1
        }
        return (offsets, order)
    }

    private static func rowError(_ code: ObjectCentricError.Code, _ message: String, _ table: String, _ row: Int,
                                 _ fileName: String?, _ excerpt: String? = nil) -> ObjectCentricError {
        ObjectCentricError(code, message, location: .init(file: fileName, path: "\(table)[row \(row)]"), excerpt: excerpt)
    }

    /// Declares the types of a `*_map_type` table from their per-type tables; returns type → table name.
    private static func readTypes(_ db: SQLiteDatabase, builder: inout ObjectCentricLogBuilder, isEvent: Bool) throws -> [(Int32, String)] {
        let prefix = isEvent ? "event" : "object"
        let statement = try db.prepare("SELECT ocel_type, ocel_type_map FROM \(prefix)_map_type ORDER BY rowid", table: "\(prefix)_map_type")
        var result: [(Int32, String)] = []
        var row = 0
        while try statement.step() {
            row += 1
            guard let name = statement.text(0), let suffix = statement.text(1) else {
                throw rowError(.missingField, "a type needs 'ocel_type' and 'ocel_type_map'", "\(prefix)_map_type", row, db.fileName)
            }
            let table = "\(prefix)_\(suffix)"
            var attributes: [ObjectCentricLog.AttributeDeclaration] = []
            if try db.hasTable(table) {
                for column in try db.columns(of: table) where !["ocel_id", "ocel_time", "ocel_changed_field"].contains(column.name) {
                    attributes.append(.init(name: column.name, type: Self.type(ofColumn: column.type)))
                }
            } else {
                throw rowError(.notOCEL, "the type's table '\(table)' is missing", "\(prefix)_map_type", row, db.fileName, name)
            }
            let declaration = ObjectCentricLog.TypeDeclaration(name: name, attributes: attributes)
            let location = ObjectCentricError.Location(file: db.fileName, path: "\(prefix)_map_type[row \(row)]")
            if isEvent {
                try builder.declareEventType(declaration, at: location)
                if let t = builder.eventType(name) { result.append((t, table)) }
            } else {
                try builder.declareObjectType(declaration, at: location)
                if let t = builder.objectType(name) { result.append((t, table)) }
            }
        }
        return result
    }

    /// The attribute type a declared SQLite column type stands for.
    static func type(ofColumn declared: String) -> OCELAttributeType {
        let upper = declared.uppercased()
        if upper.contains("TIME") || upper.contains("DATE") { return .time }
        if upper.contains("BOOL") { return .boolean }
        if upper.contains("INT") { return .integer }
        if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") || upper.contains("NUM") { return .float }
        return .string
    }

    /// A cell as a value of the declared type; nil for NULL, `.failure` text when it does not fit.
    private static func value(_ statement: SQLiteStatement, _ column: Int32, as type: OCELAttributeType) -> Result<OCELValue, ObjectCentricError>? {
        switch statement.columnType(column) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER:
            let i = statement.int64(column)
            switch type {
            case .integer: return .success(.integer(i))
            case .float: return .success(.float(Double(i)))
            case .boolean where i == 0 || i == 1: return .success(.boolean(i == 1))
            case .string: return .success(.string(String(i)))
            default: break
            }
        case SQLITE_FLOAT:
            let d = statement.double(column)
            switch type {
            case .float: return .success(.float(d))
            case .integer where d.rounded() == d && abs(d) < 9.0e18: return .success(.integer(Int64(d)))
            case .string: return .success(.string(String(d)))
            default: break
            }
        default:
            if let bytes = statement.bytes(column), let v = OCELValue.parse(bytes, as: type) { return .success(v) }
        }
        return .failure(ObjectCentricError(.invalidAttributeValue, "value is not a valid \(type.rawValue)", excerpt: statement.text(column)))
    }

    private static func readObjectTable(_ db: SQLiteDatabase, table: String, type: Int32, builder: inout ObjectCentricLogBuilder, fileName: String?) throws {
        let columns = try db.columns(of: table)
        guard let idColumn = columns.firstIndex(where: { $0.name == "ocel_id" }) else {
            throw ObjectCentricError(.notOCEL, "the table has no 'ocel_id' column", location: .init(file: fileName, path: table))
        }
        let timeColumn = columns.firstIndex { $0.name == "ocel_time" }
        let changedColumn = columns.firstIndex { $0.name == "ocel_changed_field" }
        var attributeColumns: [(column: Int32, key: Int32, type: OCELAttributeType, name: String)] = []
        for (i, c) in columns.enumerated() where !["ocel_id", "ocel_time", "ocel_changed_field"].contains(c.name) {
            var name = c.name
            if let slot = name.withUTF8({ builder.objectAttribute(of: type, UnsafeRawBufferPointer($0)) }) {
                attributeColumns.append((Int32(i), slot.key, slot.type, c.name))
            }
        }
        let statement = try db.prepare("SELECT * FROM \(SQLiteDatabase.quoted(table)) ORDER BY rowid", table: table)
        var row = 0
        func at() -> ObjectCentricError.Location { .init(file: fileName, path: "\(table)[row \(row)]") }
        while try statement.step() {
            row += 1
            guard let id = statement.bytes(Int32(idColumn)), let object = builder.object(withID: id) else {
                try builder.problem(ObjectCentricError(.missingObject, "attribute row of an object that is not in the log", location: at(),
                                                       excerpt: statement.text(Int32(idColumn))), skipping: "attribute")
                continue
            }
            var time: Int64 = 0
            if let timeColumn, !statement.isNull(Int32(timeColumn)) {
                guard let bytes = statement.bytes(Int32(timeColumn)), let t = OCELTime.parse(bytes) else {
                    try builder.problem(ObjectCentricError(.invalidTimestamp, "invalid 'ocel_time'", location: at(), excerpt: statement.text(Int32(timeColumn))), skipping: "attribute")
                    continue
                }
                time = t
            }
            let changed = changedColumn.flatMap { statement.text(Int32($0)) }
            for c in attributeColumns where changed == nil || changed == c.name {
                switch value(statement, c.column, as: c.type) {
                case nil: continue
                case .success(let v)?: builder.appendLateObjectAttribute(object: object, key: c.key, time: time, value: v, isInitial: changed == nil)
                case .failure(var error)?:
                    error.location = .init(file: fileName, path: "\(table)[row \(row)]/\(c.name)")
                    try builder.problem(error, skipping: "attribute")
                }
            }
            if let changed, !attributeColumns.contains(where: { $0.name == changed }) {
                try builder.problem(ObjectCentricError(.undeclaredAttribute, "'ocel_changed_field' names no column of the table", location: at(), excerpt: changed), skipping: "attribute")
            }
        }
    }

    /// Reads one `event_<type>` table; `expected` lists the events of the type in `event` table order.
    private static func readEventTable(_ db: SQLiteDatabase, table: String, type: Int32, expected: [Int32], ids: EventIDs,
                                       eventTypes: [Int32], times: inout [Int64], attributes: inout EventAttributeRows,
                                       builder: inout ObjectCentricLogBuilder, fileName: String?) throws {
        let columns = try db.columns(of: table)
        guard let idColumn = columns.firstIndex(where: { $0.name == "ocel_id" }),
              let timeColumn = columns.firstIndex(where: { $0.name == "ocel_time" }) else {
            throw ObjectCentricError(.notOCEL, "the table needs 'ocel_id' and 'ocel_time' columns", location: .init(file: fileName, path: table))
        }
        var attributeColumns: [(column: Int32, key: Int32, type: OCELAttributeType, name: String)] = []
        for (i, c) in columns.enumerated() where c.name != "ocel_id" && c.name != "ocel_time" {
            var name = c.name
            if let slot = name.withUTF8({ builder.eventAttribute(of: type, UnsafeRawBufferPointer($0)) }) {
                attributeColumns.append((Int32(i), slot.key, slot.type, c.name))
            }
        }
        let statement = try db.prepare("SELECT * FROM \(SQLiteDatabase.quoted(table)) ORDER BY rowid", table: table)
        var row = 0
        var next = 0
        func at() -> ObjectCentricError.Location { .init(file: fileName, path: "\(table)[row \(row)]") }
        while try statement.step() {
            row += 1
            guard let id = statement.bytes(Int32(idColumn)) else { throw ObjectCentricError(.missingField, "a row needs 'ocel_id'", location: at()) }
            let e: Int32
            if next < expected.count, ids.matches(expected[next], id) {
                e = expected[next]
                next += 1
            } else {
                let (code, isNew) = builder.internEventID(id)
                e = isNew ? Int32(eventTypes.count) : code
            }
            guard Int(e) < eventTypes.count else {
                try builder.problem(ObjectCentricError(.missingEvent, "row of an event that is not in the 'event' table", location: at(),
                                                       excerpt: String(decoding: id, as: UTF8.self)), skipping: "event")
                continue
            }
            guard eventTypes[Int(e)] == type else {
                try builder.problem(ObjectCentricError(.unknownEventType, "row in the table of another type than the event's", location: at(),
                                                       excerpt: String(decoding: id, as: UTF8.self)), skipping: "event")
                continue
            }
            guard let bytes = statement.bytes(Int32(timeColumn)), let t = OCELTime.parse(bytes) else {
                try builder.problem(ObjectCentricError(.invalidTimestamp, "invalid 'ocel_time'", location: at(), excerpt: statement.text(Int32(timeColumn))), skipping: "event")
                continue
            }
            times[Int(e)] = t
            for c in attributeColumns {
                switch value(statement, c.column, as: c.type) {
                case nil: continue
                case .success(let v)?:
                    attributes.events.append(e)
                    attributes.keys.append(c.key)
                    attributes.values.append(v)
                case .failure(var error)?:
                    error.location = .init(file: fileName, path: "\(table)[row \(row)]/\(c.name)")
                    try builder.problem(error, skipping: "attribute")
                }
            }
        }
    }
}
