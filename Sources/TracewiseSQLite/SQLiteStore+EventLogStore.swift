import EventLog
import Foundation
import GRDB

/// Event logs are stored columnar-friendly: one narrow `events` row per event with the interned activity, the
/// timestamp in UTC microseconds and the interned resource (dictionaries in `log_activities` and
/// `log_resources`); `cases` holds each case's name and event count; every event and trace attribute column
/// is kept whole in `log_attribute_columns` as ``AttributeColumnCodec`` segments, so a load is lossless and
/// decodes straight into the log's typed columns.
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
            let caseStatement = try db.makeStatement(sql: "INSERT INTO cases (tenant, log_id, case_index, name, events) VALUES (?, ?, ?, ?, ?)")
            let eventStatement = try db.makeStatement(sql: """
                INSERT INTO events (tenant, log_id, case_index, position, activity, ts, resource) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for c in 0..<log.caseCount {
                try Task.checkCancellation()
                let range = log.eventRange(ofCase: c)
                caseStatement.setUncheckedArguments([tenant, logID, c, log.caseID(c), range.count])
                try caseStatement.execute()
                for e in range {
                    let ts = log.timestamps[e]
                    let resource = log.resourceCodes[e]
                    eventStatement.setUncheckedArguments([
                        tenant, logID, c, e - range.lowerBound, Int64(log.activityCodes[e]),
                        ts == Timestamp.missing ? nil : ts, resource < 0 ? nil : Int64(resource),
                    ])
                    try eventStatement.execute()
                }
            }
            try Self.writeColumns(of: log, tenant: tenant, logID: logID, db: db)
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
                SELECT id, cases, events, classifier, provenance, header FROM logs WHERE tenant = ? AND name = ?
                """, arguments: [tenant, name]) else {
                throw StoreError(.notFound, "no log with this name for the tenant")
            }
            let logID: Int64 = logRow[0]
            let cases: Int = logRow[1]
            let events: Int = logRow[2]
            var offsets = [0]
            for count in try Int.fetchAll(db, sql: "SELECT events FROM cases WHERE tenant = ? AND log_id = ? ORDER BY case_index",
                                          arguments: [tenant, logID]) {
                offsets.append(offsets[offsets.count - 1] + count)
            }
            guard offsets.count == cases + 1, offsets.last == events else {
                throw StoreError(.corrupt, "the stored cases do not add up to the log's \(cases) cases and \(events) events")
            }
            func columns(_ level: String, rows: Int) throws -> AttributeTable {
                let segments = try Row.fetchAll(db, sql: """
                    SELECT ordinal, key, segment, data FROM log_attribute_columns WHERE tenant = ? AND log_id = ? AND level = ?
                    ORDER BY ordinal, segment
                    """, arguments: [tenant, logID, level]).map { row in
                    AttributeColumnCodec.Segment(ordinal: row[0], key: row[1], segment: row[2], data: Array(row[3] as Data))
                }
                return try AttributeColumnCodec.table(rowCount: rows, segments: segments)
            }
            return EventLog(caseOffsets: offsets, eventAttributes: try columns("event", rows: events),
                            traceAttributes: try columns("trace", rows: cases),
                            header: try AttributeCodec.decodeHeader(Array(logRow[5] as Data)),
                            classifier: try StoreJSON.decode(Classifier.self, from: logRow[3], what: "classifier"),
                            provenance: try StoreJSON.decode(Provenance.self, from: logRow[4], what: "provenance"))
        }
    }

    public func delete(_ name: String, tenant: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM analysis_results WHERE tenant = ? AND log_name = ?", arguments: [tenant, name])
            try db.execute(sql: "DELETE FROM logs WHERE tenant = ? AND name = ?", arguments: [tenant, name])
            return db.changesCount > 0
        }
    }

    /// Writes every event and trace attribute column of `log` as ``AttributeColumnCodec`` segments.
    static func writeColumns(of log: EventLog, tenant: String, logID: Int64, db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO log_attribute_columns (tenant, log_id, level, ordinal, key, segment, data) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (level, table) in [("event", log.eventAttributes), ("trace", log.traceAttributes)] {
            for segment in AttributeColumnCodec.segments(of: table) {
                statement.setUncheckedArguments([tenant, logID, level, segment.ordinal, segment.key, segment.segment, Data(segment.data)])
                try statement.execute()
            }
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
