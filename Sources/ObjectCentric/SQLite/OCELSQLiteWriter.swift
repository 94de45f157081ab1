/// Writes the OCEL 2.0 SQLite layout (the spec's tables, as PM4Py writes them) in one transaction.
///
/// Type tables are named `event_<T>` / `object_<T>` with `<T>` the type name without characters other than
/// letters, digits and `_` (a numeric suffix keeps them distinct). Each object gets one initial row in its
/// type's table (`ocel_changed_field` NULL) holding its values at the earliest time, and one row per later
/// value with `ocel_changed_field` naming the attribute.
struct OCELSQLiteWriter {
    func write(_ log: ObjectCentricLog, toPath path: String, fileName: String?) throws {
        let db = try SQLiteDatabase(path: path, readOnly: false, fileName: fileName)
        try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN")
        let eventTables = Self.tableNames(log.eventTypes.map(\.name))
        let objectTables = Self.tableNames(log.objectTypes.map(\.name))
        try db.execute("""
            CREATE TABLE event_map_type (ocel_type TEXT PRIMARY KEY, ocel_type_map TEXT);
            CREATE TABLE object_map_type (ocel_type TEXT PRIMARY KEY, ocel_type_map TEXT);
            CREATE TABLE event (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);
            CREATE TABLE object (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);
            CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT);
            CREATE TABLE object_object (ocel_source_id TEXT, ocel_target_id TEXT, ocel_qualifier TEXT);
            """)
        let q = SQLiteDatabase.quoted
        for (type, suffix) in zip(log.eventTypes, eventTables) {
            let columns = type.attributes.map { "\(q($0.name)) \(Self.columnType($0.type))" }
            try db.execute("CREATE TABLE \(q("event_" + suffix)) (ocel_id TEXT PRIMARY KEY, ocel_time TIMESTAMP\(columns.map { ", " + $0 }.joined()))")
        }
        for (type, suffix) in zip(log.objectTypes, objectTables) {
            let columns = type.attributes.map { "\(q($0.name)) \(Self.columnType($0.type))" }
            try db.execute("CREATE TABLE \(q("object_" + suffix)) (ocel_id TEXT, ocel_time TIMESTAMP\(columns.map { ", " + $0 }.joined()), ocel_changed_field TEXT)")
        }
        let mapEvent = try db.prepare("INSERT INTO event_map_type VALUES (?, ?)", table: "event_map_type")
        for (type, suffix) in zip(log.eventTypes, eventTables) {
            mapEvent.bind(1, type.name)
            mapEvent.bind(2, suffix)
            try mapEvent.run()
        }
        let mapObject = try db.prepare("INSERT INTO object_map_type VALUES (?, ?)", table: "object_map_type")
        for (type, suffix) in zip(log.objectTypes, objectTables) {
            mapObject.bind(1, type.name)
            mapObject.bind(2, suffix)
            try mapObject.run()
        }
        try writeEvents(log, db, eventTables)
        try writeObjects(log, db, objectTables)
        try db.execute("COMMIT")
    }

    private func writeEvents(_ log: ObjectCentricLog, _ db: SQLiteDatabase, _ tables: [String]) throws {
        let q = SQLiteDatabase.quoted
        let event = try db.prepare("INSERT INTO event VALUES (?, ?)", table: "event")
        let relation = try db.prepare("INSERT INTO event_object VALUES (?, ?, ?)", table: "event_object")
        let perType = try zip(log.eventTypes, tables).map { type, suffix in
            try db.prepare("INSERT INTO \(q("event_" + suffix)) VALUES (?, ?\(String(repeating: ", ?", count: type.attributes.count)))", table: "event_" + suffix)
        }
        for e in 0 ..< log.eventCount {
            let t = Int(log.eventTypeCodes[e])
            event.bind(1, log.eventIDs[e])
            event.bind(2, log.eventTypes[t].name)
            try event.run()
            let row = perType[t]
            row.bind(1, log.eventIDs[e])
            row.bind(2, OCELSQLiteTime.format(log.eventTimes[e]))
            for r in log.attributes(of: e) { row.bind(Int32(log.eventAttributeKeys[r]) + 3, log.eventAttributeValues[r]) }
            try row.run()
            for (o, qualifier) in zip(log.objects(of: e), log.objectQualifiers(of: e)) {
                relation.bind(1, log.eventIDs[e])
                relation.bind(2, log.objectIDs[Int(o)])
                relation.bind(3, log.qualifiers[Int(qualifier)])
                try relation.run()
            }
        }
    }

    private func writeObjects(_ log: ObjectCentricLog, _ db: SQLiteDatabase, _ tables: [String]) throws {
        let q = SQLiteDatabase.quoted
        let object = try db.prepare("INSERT INTO object VALUES (?, ?)", table: "object")
        let relation = try db.prepare("INSERT INTO object_object VALUES (?, ?, ?)", table: "object_object")
        let perType = try zip(log.objectTypes, tables).map { type, suffix in
            try db.prepare("INSERT INTO \(q("object_" + suffix)) VALUES (?, ?\(String(repeating: ", ?", count: type.attributes.count)), ?)", table: "object_" + suffix)
        }
        for o in 0 ..< log.objectCount {
            let t = Int(log.objectTypeCodes[o])
            object.bind(1, log.objectIDs[o])
            object.bind(2, log.objectTypes[t].name)
            try object.run()
            let row = perType[t]
            let changedColumn = Int32(log.objectTypes[t].attributes.count) + 3
            // The initial row: the first record of each attribute at the earliest record time.
            let records = log.attributeRecords(of: o)
            let initialTime = records.first.map { log.objectAttributeTimes[$0] } ?? 0
            var inInitialRow = Set<Int32>()
            var changes: [Int] = []
            for r in records {
                if log.objectAttributeTimes[r] == initialTime, inInitialRow.insert(log.objectAttributeKeys[r]).inserted { continue }
                changes.append(r)
            }
            row.bind(1, log.objectIDs[o])
            row.bind(2, OCELSQLiteTime.format(initialTime))
            for r in records where log.objectAttributeTimes[r] == initialTime && !changes.contains(r) {
                row.bind(Int32(log.objectAttributeKeys[r]) + 3, log.objectAttributeValues[r])
            }
            row.bind(changedColumn, nil as String?)
            try row.run()
            for r in changes {
                let key = log.objectAttributeKeys[r]
                row.bind(1, log.objectIDs[o])
                row.bind(2, OCELSQLiteTime.format(log.objectAttributeTimes[r]))
                row.bind(Int32(key) + 3, log.objectAttributeValues[r])
                row.bind(changedColumn, log.objectTypes[t].attributes[Int(key)].name)
                try row.run()
            }
            for r in Int(log.o2oOffsets[o]) ..< Int(log.o2oOffsets[o + 1]) {
                relation.bind(1, log.objectIDs[o])
                relation.bind(2, log.objectIDs[Int(log.o2oTargets[r])])
                relation.bind(3, log.qualifiers[Int(log.o2oQualifiers[r])])
                try relation.run()
            }
        }
    }

    static func columnType(_ type: OCELAttributeType) -> String {
        switch type {
        case .string: "TEXT"
        case .integer: "INTEGER"
        case .float: "REAL"
        case .boolean: "BOOLEAN"
        case .time: "TIMESTAMP"
        }
    }

    /// Table-name suffixes: letters, digits and `_` of each type name, made unique.
    static func tableNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var base = String(name.unicodeScalars.filter { ($0.properties.isAlphabetic || ("0" ... "9").contains($0) || $0 == "_") && $0.isASCII }.map(Character.init))
            if base.isEmpty { base = "type" }
            var candidate = base
            var n = 2
            while !used.insert(candidate.lowercased()).inserted {
                candidate = "\(base)_\(n)"
                n += 1
            }
            return candidate
        }
    }
}
