import EventLog
import PostgresNIO

extension PostgresSchema {
    /// Migration v7: until v6 every event and case kept its attributes as one ``AttributeCodec`` blob in an
    /// `attributes` column. Rebuilds each stored log's attribute tables from those blobs, writes them as
    /// ``AttributeColumnCodec`` columns, fills each case's event count and variant (``CaseVariants``), then drops
    /// the blob columns.
    static func convertRowAttributes(_ connection: PostgresConnection, logger: Logger) async throws {
        var logs: [(Int64, String)] = []
        for try await row in try await connection.query("SELECT id, tenant FROM logs ORDER BY id", logger: logger).decode((Int64, String).self) {
            logs.append(row)
        }
        for (logID, tenant) in logs {
            var traces: [[Attribute]] = []
            for try await attributes in try await connection.query("""
                SELECT attributes FROM cases WHERE log_id = \(logID) ORDER BY case_index
                """, logger: logger).decode(ByteBuffer.self) {
                traces.append(try AttributeCodec.decode(attributes.bytes))
            }
            var events: [(caseIndex: Int, attributes: [Attribute])] = []
            var activities: [Int32] = []
            for try await (caseIndex, activity, attributes) in try await connection.query("""
                SELECT case_index, activity, attributes FROM events WHERE log_id = \(logID) ORDER BY case_index, position
                """, logger: logger).decode((Int, Int32, ByteBuffer).self) {
                events.append((caseIndex, try AttributeCodec.decode(attributes.bytes)))
                activities.append(activity)
            }
            let log = AttributeColumnCodec.log(traceRows: traces, eventRows: events)
            // The stored activity codes follow the log's own classifier, which the rebuilt log does not know.
            let variants = CaseVariants(caseOffsets: log.caseOffsets, activityCodes: activities)
            try await variants.write(tenant: tenant, logID: logID, connection: connection, logger: logger)
            let caseIndexes = (0 ..< log.caseCount).map(Int32.init)
            try await connection.query("""
                UPDATE cases SET events = t.n, variant = t.v
                FROM unnest(\(caseIndexes)::integer[], \(log.caseOffsets.indices.dropLast().map { Int32(log.caseOffsets[$0 + 1] - log.caseOffsets[$0]) })::integer[],
                            \(variants.ofCase)::integer[]) AS t(c, n, v)
                WHERE cases.log_id = \(logID) AND cases.case_index = t.c
                """, logger: logger)
            try await PostgresStore.writeColumns(of: log, tenant: tenant, logID: logID, connection: connection, logger: logger)
        }
        for statement in [
            "ALTER TABLE events DROP COLUMN attributes",
            "ALTER TABLE cases DROP COLUMN attributes",
        ] {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }
}
