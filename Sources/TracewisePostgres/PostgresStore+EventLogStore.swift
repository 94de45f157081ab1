import EventLog
import Foundation
import PostgresNIO

/// Event logs are stored as in SQLite — one `events` row per event with interned activity, timestamp in UTC
/// microseconds and interned resource, the full attributes in ``AttributeCodec`` form — and ingested with
/// `COPY … FROM STDIN` in one transaction, streamed in chunks.
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
        return try await transaction { connection in
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
            try await connection.copyFrom(table: "cases", columns: ["tenant", "log_id", "case_index", "name", "attributes"],
                                          logger: logger) { writer in
                var chunk = CopyText()
                for c in 0..<log.caseCount {
                    chunk.append(prefix)
                    chunk.append("\(c)\t")
                    chunk.appendField(log.caseID(c))
                    chunk.append("\t")
                    chunk.appendBytea(AttributeCodec.encode(log.traceAttributes.attributes(atRow: c)))
                    chunk.append("\n")
                    if chunk.isFull { try await writer.write(chunk.take()) }
                }
                try await writer.write(chunk.take())
            }
            try await connection.copyFrom(table: "events",
                                          columns: ["tenant", "log_id", "case_index", "position", "activity", "ts", "resource", "attributes"],
                                          logger: logger) { writer in
                var chunk = CopyText()
                for c in 0..<log.caseCount {
                    try Task.checkCancellation()
                    for (position, e) in log.eventRange(ofCase: c).enumerated() {
                        chunk.append(prefix)
                        chunk.appendInteger(Int64(c))
                        chunk.append("\t")
                        chunk.appendInteger(Int64(position))
                        chunk.append("\t")
                        chunk.appendInteger(Int64(log.activityCodes[e]))
                        chunk.append("\t")
                        let ts = log.timestamps[e]
                        if ts == Timestamp.missing { chunk.append("\\N") } else { chunk.appendInteger(ts) }
                        chunk.append("\t")
                        let resource = log.resourceCodes[e]
                        if resource < 0 { chunk.append("\\N") } else { chunk.appendInteger(Int64(resource)) }
                        chunk.append("\t")
                        chunk.appendBytea(AttributeCodec.encode(log.eventAttributes.attributes(atRow: e)))
                        chunk.append("\n")
                        if chunk.isFull { try await writer.write(chunk.take()) }
                    }
                }
                try await writer.write(chunk.take())
            }
            return info
        }
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
            var found: (Int64, ByteBuffer, ByteBuffer, ByteBuffer)?
            for try await row in try await connection.query("""
                SELECT id, classifier, provenance, header FROM logs WHERE tenant = \(tenant) AND name = \(name)
                """, logger: logger).decode((Int64, ByteBuffer, ByteBuffer, ByteBuffer).self) {
                found = row
            }
            guard let (logID, classifierJSON, provenanceJSON, headerBytes) = found else {
                throw StoreError(.notFound, "no log with this name for the tenant")
            }
            var builder = EventLogBuilder()
            builder.header = try AttributeCodec.decodeHeader(headerBytes.bytes)
            builder.provenance = try StoreJSON.decode(Provenance.self, from: Data(provenanceJSON.readableBytesView), what: "provenance")
            let classifier = try StoreJSON.decode(Classifier.self, from: Data(classifierJSON.readableBytesView), what: "classifier")
            var traces: [(Int, [Attribute])] = []
            for try await (caseIndex, attributes) in try await connection.query("""
                SELECT case_index, attributes FROM cases WHERE log_id = \(logID) ORDER BY case_index
                """, logger: logger).decode((Int, ByteBuffer).self) {
                traces.append((caseIndex, try AttributeCodec.decode(attributes.bytes)))
            }
            var next = 0
            var open = false
            func openThrough(_ caseIndex: Int) {
                while next <= caseIndex, next < traces.count {
                    builder.startTrace(attributes: traces[next].1)
                    next += 1
                    open = true
                }
            }
            for try await (caseIndex, attributes) in try await connection.query("""
                SELECT case_index, attributes FROM events WHERE log_id = \(logID) ORDER BY case_index, position
                """, logger: logger).decode((Int, ByteBuffer).self) {
                openThrough(caseIndex)
                builder.addEvent(attributes: try AttributeCodec.decode(attributes.bytes))
            }
            openThrough(traces.count - 1)
            if open { builder.endTrace() }
            return builder.build(classifier: classifier)
        }
    }

    public func delete(_ name: String, tenant: String) async throws -> Bool {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            try await connection.query("DELETE FROM analysis_results WHERE tenant = \(tenant) AND log_name = \(name)", logger: logger)
            var deleted = false
            for try await _ in try await connection.query("DELETE FROM logs WHERE tenant = \(tenant) AND name = \(name) RETURNING id",
                                                          logger: logger) {
                deleted = true
            }
            return deleted
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
