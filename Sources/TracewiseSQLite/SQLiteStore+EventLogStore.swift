import EventLog
import Foundation
import GRDB

/// Event logs are stored columnar-friendly: one `events` row per event with the interned activity, the
/// timestamp in UTC microseconds and the interned resource (dictionaries in `log_activities` and
/// `log_resources`), plus the event's full attributes in ``AttributeCodec`` form so a load is lossless.
extension SQLiteStore: EventLogStore {
    public func importLog(_ log: EventLog, name: String, tenant: String) async throws -> StoredLogInfo {
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(name, as: "log name")
        let info = StoredLogInfo(name: name, log: log, importedAtMicroseconds: clock())
        let classifier = try StoreJSON.encode(log.classifier)
        let provenance = try StoreJSON.encode(log.provenance)
        let header = Data(AttributeCodec.encode(log.header))
        return try await write { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM logs WHERE tenant = ? AND name = ?)",
                                           arguments: [tenant, name]) ?? false
            if exists { throw StoreError(.alreadyExists, "tenant already has a log with this name") }
            try db.execute(sql: """
                INSERT INTO logs (tenant, name, cases, events, fingerprint, imported_at, classifier, provenance, header)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [tenant, name, info.cases, info.events, info.fingerprint, info.importedAtMicroseconds,
                                 classifier, provenance, header])
            let logID = db.lastInsertedRowID
            try Self.insertDictionary(db, table: "log_activities", logID: logID, names: log.activityNames)
            try Self.insertDictionary(db, table: "log_resources", logID: logID, names: log.resourceNames)
            let caseStatement = try db.makeStatement(sql: "INSERT INTO cases VALUES (?, ?, ?, ?, ?)")
            let eventStatement = try db.makeStatement(sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for c in 0..<log.caseCount {
                try Task.checkCancellation()
                caseStatement.setUncheckedArguments([tenant, logID, c, log.caseID(c),
                                                     Data(AttributeCodec.encode(log.traceAttributes.attributes(atRow: c)))])
                try caseStatement.execute()
                for (position, e) in log.eventRange(ofCase: c).enumerated() {
                    let ts = log.timestamps[e]
                    let resource = log.resourceCodes[e]
                    eventStatement.setUncheckedArguments([
                        tenant, logID, c, position, Int64(log.activityCodes[e]),
                        ts == Timestamp.missing ? nil : ts, resource < 0 ? nil : Int64(resource),
                        Data(AttributeCodec.encode(log.eventAttributes.attributes(atRow: e))),
                    ])
                    try eventStatement.execute()
                }
            }
            return info
        }
    }

    public func logs(tenant: String) async throws -> [StoredLogInfo] {
        try await run { db in
            try Row.fetchAll(db, sql: """
                SELECT name, cases, events, fingerprint, imported_at, provenance FROM logs WHERE tenant = ? ORDER BY name
                """, arguments: [tenant]).map { row in
                StoredLogInfo(name: row[0], cases: row[1], events: row[2], fingerprint: row[3], importedAtMicroseconds: row[4],
                              provenance: try StoreJSON.decode(Provenance.self, from: row[5], what: "provenance"))
            }
        }
    }

    public func load(_ name: String, tenant: String) async throws -> EventLog {
        try await run { db in
            guard let logRow = try Row.fetchOne(db, sql: """
                SELECT id, classifier, provenance, header FROM logs WHERE tenant = ? AND name = ?
                """, arguments: [tenant, name]) else {
                throw StoreError(.notFound, "no log with this name for the tenant")
            }
            let logID: Int64 = logRow[0]
            var builder = EventLogBuilder()
            builder.header = try AttributeCodec.decodeHeader(Array(logRow[3] as Data))
            builder.provenance = try StoreJSON.decode(Provenance.self, from: logRow[2], what: "provenance")
            let classifier = try StoreJSON.decode(Classifier.self, from: logRow[1], what: "classifier")
            let events = try Row.fetchCursor(db, sql: """
                SELECT case_index, attributes FROM events WHERE tenant = ? AND log_id = ? ORDER BY case_index, position
                """, arguments: [tenant, logID])
            var pending = try events.next()
            let cases = try Row.fetchCursor(db, sql: """
                SELECT case_index, attributes FROM cases WHERE tenant = ? AND log_id = ? ORDER BY case_index
                """, arguments: [tenant, logID])
            while let caseRow = try cases.next() {
                let caseIndex: Int64 = caseRow[0]
                builder.startTrace(attributes: try AttributeCodec.decode(Array(caseRow[1] as Data)))
                while let event = pending, event[0] as Int64 == caseIndex {
                    builder.addEvent(attributes: try AttributeCodec.decode(Array(event[1] as Data)))
                    pending = try events.next()
                }
                builder.endTrace()
            }
            return builder.build(classifier: classifier)
        }
    }

    public func delete(_ name: String, tenant: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM analysis_results WHERE tenant = ? AND log_name = ?", arguments: [tenant, name])
            try db.execute(sql: "DELETE FROM logs WHERE tenant = ? AND name = ?", arguments: [tenant, name])
            return db.changesCount > 0
        }
    }

    private static func insertDictionary(_ db: Database, table: String, logID: Int64, names: [String]) throws {
        let statement = try db.makeStatement(sql: "INSERT INTO \(table) VALUES (?, ?, ?)")
        for (code, name) in names.enumerated() {
            statement.setUncheckedArguments([logID, code, name])
            try statement.execute()
        }
    }
}
