import EventLog
import Foundation
import PostgresNIO

/// Event logs are stored in two shapes, each for its reader. SQL mines `events`: one narrow row per event
/// (case, position, interned activity, timestamp in UTC microseconds, interned resource), ingested with
/// `COPY … FROM STDIN`. Loading reads `log_attribute_columns`: every event and trace attribute column in
/// ``AttributeColumnCodec`` segments, decoded straight into the log's typed columns. `cases` holds each
/// case's name, event count (the log's case offsets) and variant (``CaseVariants``). All of it is written in
/// one transaction.
///
/// `events` and `cases` have no foreign key to `logs` (a per-row check costs more than the row itself during
/// `COPY`); ``delete(_:tenant:)`` removes them with the log in one transaction.
///
/// PostgreSQL refuses `COPY FROM` into tables with row-level security for roles the policies apply to, so the
/// import alone runs as the store's own role, writing only rows of the tenant it was given; reads, deletes
/// and push-down run under the tenant role.
extension PostgresStore: EventLogStore {
    public func importLog(_ log: EventLog, name: String, tenant: String) async throws -> StoredLogInfo {
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(name, as: "log name")
        let info = StoredLogInfo(name: name, log: log, importedAtMicroseconds: clock())
        let classifier = ByteBuffer(data: try StoreJSON.encode(log.classifier))
        let provenance = ByteBuffer(data: try StoreJSON.encode(log.provenance))
        let header = ByteBuffer(bytes: AttributeCodec.encode(log.header))
        let logger = self.logger
        let imported = try await transaction { connection in
            let existing = try await connection.query("SELECT 1 FROM logs WHERE tenant = \(tenant) AND name = \(name)", logger: logger)
            for try await _ in existing { throw StoreError(.alreadyExists, "tenant already has a log with this name") }
            var logID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO logs (tenant, name, cases, events, fingerprint, imported_at, classifier, provenance, header)
                VALUES (\(tenant), \(name), \(info.cases), \(Int64(info.events)), \(info.fingerprint), \(info.importedAtMicroseconds),
                        \(classifier), \(provenance), \(header)) RETURNING id
                """, logger: logger).decode(Int64.self) {
                logID = id
            }
            let prefix = CopyText.field(tenant) + "\t\(logID)\t"
            try await Self.copyDictionary(log.activityNames, into: "log_activities", prefix: prefix, connection: connection, logger: logger)
            try await Self.copyDictionary(log.resourceNames, into: "log_resources", prefix: prefix, connection: connection, logger: logger)
            let variants = CaseVariants(log)
            try await connection.copyFrom(table: "cases", columns: ["tenant", "log_id", "case_index", "name", "events", "variant"],
                                          logger: logger) { writer in
                var chunk = CopyText()
                for c in 0..<log.caseCount {
                    chunk.append(prefix)
                    chunk.appendInteger(Int64(c))
                    chunk.appendTab()
                    chunk.appendField(log.caseID(c))
                    chunk.appendTab()
                    chunk.appendInteger(Int64(log.caseOffsets[c + 1] - log.caseOffsets[c]))
                    chunk.appendTab()
                    chunk.appendInteger(Int64(variants.ofCase[c]))
                    chunk.appendNewline()
                    if chunk.isFull { try await writer.write(chunk.take()) }
                }
                try await writer.write(chunk.take())
            }
            try await variants.write(tenant: tenant, logID: logID, connection: connection, logger: logger)
            try await Self.copyEvents(of: log, prefix: prefix, connection: connection, logger: logger)
            try await Self.writeColumns(of: log, tenant: tenant, logID: logID, connection: connection, logger: logger)
            return info
        }
        // Fresh planner statistics, so the first push-down over the new rows is planned knowing them (measured:
        // BPIC 2012's first DFG + variants right after its import took 6.8 s, 1.2 s once autovacuum had analysed
        // the table). Sample-based, after the commit so it holds no lock of the import; the import stands whether
        // or not it succeeds.
        do {
            try await withConnection { connection in
                try await connection.query("ANALYZE events, cases", logger: logger)
            }
        } catch {
            logger.warning("ANALYZE after an import failed: \(error)")
        }
        return imported
    }

    /// Streams the narrow `events` rows; activity, timestamp and resource come straight from the log's dense
    /// columns, so the loop allocates nothing per event.
    private static func copyEvents(of log: EventLog, prefix: String, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.copyFrom(table: "events", columns: ["tenant", "log_id", "case_index", "position", "activity", "ts", "resource"],
                                      logger: logger) { writer in
            var chunk = CopyText()
            let prefix = Array(prefix.utf8)
            for c in 0..<log.caseCount {
                try Task.checkCancellation()
                let range = log.eventRange(ofCase: c)
                for e in range {
                    chunk.appendBytes(prefix)
                    chunk.appendInteger(Int64(c))
                    chunk.appendTab()
                    chunk.appendInteger(Int64(e - range.lowerBound))
                    chunk.appendTab()
                    chunk.appendInteger(Int64(log.activityCodes[e]))
                    chunk.appendTab()
                    let ts = log.timestamps[e]
                    if ts == Timestamp.missing { chunk.appendNull() } else { chunk.appendInteger(ts) }
                    chunk.appendTab()
                    let resource = log.resourceCodes[e]
                    if resource < 0 { chunk.appendNull() } else { chunk.appendInteger(Int64(resource)) }
                    chunk.appendNewline()
                }
                if chunk.isFull { try await writer.write(chunk.take()) }
            }
            try await writer.write(chunk.take())
        }
    }

    /// Writes every event and trace attribute column of `log` as ``AttributeColumnCodec`` segments.
    static func writeColumns(of log: EventLog, tenant: String, logID: Int64, connection: PostgresConnection, logger: Logger) async throws {
        for (level, table) in [("event", log.eventAttributes), ("trace", log.traceAttributes)] {
            for segment in AttributeColumnCodec.segments(of: table) {
                try await connection.query("""
                    INSERT INTO log_attribute_columns (tenant, log_id, level, ordinal, key, segment, data)
                    VALUES (\(tenant), \(logID), \(level), \(segment.ordinal), \(segment.key), \(segment.segment), \(ByteBuffer(bytes: segment.data)))
                    """, logger: logger)
            }
        }
    }

    /// The attribute table of one level (`event` or `trace`) of a stored log.
    static func readColumns(level: String, rowCount: Int, logID: Int64, connection: PostgresConnection,
                            logger: Logger) async throws -> AttributeTable {
        var segments: [AttributeColumnCodec.Segment] = []
        for try await (ordinal, key, segment, data) in try await connection.query("""
            SELECT ordinal, key, segment, data FROM log_attribute_columns WHERE log_id = \(logID) AND level = \(level)
            ORDER BY ordinal, segment
            """, logger: logger).decode((Int, String, Int, ByteBuffer).self) {
            segments.append(.init(ordinal: ordinal, key: key, segment: segment, data: data.bytes))
        }
        return try AttributeColumnCodec.table(rowCount: rowCount, segments: segments)
    }

    /// One attribute column of a stored log, or nil when no row of the level has `key`.
    static func readColumn(level: String, key: String, logID: Int64, connection: PostgresConnection,
                           logger: Logger) async throws -> AttributeColumn? {
        var segments: [[UInt8]] = []
        for try await data in try await connection.query("""
            SELECT data FROM log_attribute_columns WHERE log_id = \(logID) AND level = \(level) AND key = \(key) ORDER BY segment
            """, logger: logger).decode(ByteBuffer.self) {
            segments.append(data.bytes)
        }
        return segments.isEmpty ? nil : try AttributeColumnCodec.column(key: key, segments: segments)
    }

    /// The CSR case offsets of a stored log, from each case's event count.
    static func caseOffsets(logID: Int64, connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        var offsets = [0]
        for try await events in try await connection.query("""
            SELECT events FROM cases WHERE log_id = \(logID) ORDER BY case_index
            """, logger: logger).decode(Int.self) {
            offsets.append(offsets[offsets.count - 1] + events)
        }
        return offsets
    }

    public func logs(tenant: String) async throws -> [StoredLogInfo] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var result: [StoredLogInfo] = []
            for try await (name, cases, events, fingerprint, importedAt, provenance) in try await connection.query("""
                SELECT name, cases, events, fingerprint, imported_at, provenance FROM logs WHERE tenant = \(tenant) ORDER BY name
                """, logger: logger).decode((String, Int, Int64, String, Int64, ByteBuffer).self) {
                result.append(StoredLogInfo(name: name, cases: cases, events: Int(events), fingerprint: fingerprint,
                                            importedAtMicroseconds: importedAt,
                                            provenance: try StoreJSON.decode(Provenance.self, from: Data(provenance.readableBytesView), what: "provenance")))
            }
            return result
        }
    }

    public func load(_ name: String, tenant: String) async throws -> EventLog {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var found: (Int64, Int, Int64, ByteBuffer, ByteBuffer, ByteBuffer)?
            for try await row in try await connection.query("""
                SELECT id, cases, events, classifier, provenance, header FROM logs WHERE tenant = \(tenant) AND name = \(name)
                """, logger: logger).decode((Int64, Int, Int64, ByteBuffer, ByteBuffer, ByteBuffer).self) {
                found = row
            }
            guard let (logID, cases, events, classifierJSON, provenanceJSON, headerBytes) = found else {
                throw StoreError(.notFound, "no log with this name for the tenant")
            }
            let offsets = try await Self.caseOffsets(logID: logID, connection: connection, logger: logger)
            guard offsets.count == cases + 1, offsets.last == Int(events) else {
                throw StoreError(.corrupt, "the stored cases do not add up to the log's \(cases) cases and \(events) events")
            }
            return EventLog(caseOffsets: offsets,
                            eventAttributes: try await Self.readColumns(level: "event", rowCount: Int(events), logID: logID,
                                                                        connection: connection, logger: logger),
                            traceAttributes: try await Self.readColumns(level: "trace", rowCount: cases, logID: logID,
                                                                        connection: connection, logger: logger),
                            header: try AttributeCodec.decodeHeader(headerBytes.bytes),
                            classifier: try StoreJSON.decode(Classifier.self, from: Data(classifierJSON.readableBytesView), what: "classifier"),
                            provenance: try StoreJSON.decode(Provenance.self, from: Data(provenanceJSON.readableBytesView), what: "provenance"))
        }
    }

    public func delete(_ name: String, tenant: String) async throws -> Bool {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            try await connection.query("DELETE FROM analysis_results WHERE tenant = \(tenant) AND log_name = \(name)", logger: logger)
            var deleted: Int64?
            for try await id in try await connection.query("DELETE FROM logs WHERE tenant = \(tenant) AND name = \(name) RETURNING id",
                                                           logger: logger).decode(Int64.self) {
                deleted = id
            }
            guard let logID = deleted else { return false }
            try await connection.query("DELETE FROM events WHERE log_id = \(logID)", logger: logger)
            try await connection.query("DELETE FROM cases WHERE log_id = \(logID)", logger: logger)
            return true
        }
    }

    private static func copyDictionary(_ names: [String], into table: String, prefix: String, connection: PostgresConnection,
                                       logger: Logger) async throws {
        guard !names.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: ["tenant", "log_id", "code", "name"], logger: logger) { writer in
            var chunk = CopyText()
            for (code, name) in names.enumerated() {
                chunk.append(prefix)
                chunk.append("\(code)\t")
                chunk.appendField(name)
                chunk.append("\n")
            }
            try await writer.write(chunk.take())
        }
    }
}
