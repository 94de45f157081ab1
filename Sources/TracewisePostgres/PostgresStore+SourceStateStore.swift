import EventLog
import PostgresNIO

extension PostgresStore: SourceStateStore {
    public func sourceState(source: String, tenant: String) async throws -> SourceState? {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var document: [UInt8]?
            for try await bytes in try await connection.query("""
                SELECT document FROM source_states WHERE tenant = \(tenant) AND source = \(source)
                """, logger: logger).decode(ByteBuffer.self) {
                document = bytes.bytes
            }
            guard let document else { return nil }
            var reports: [[UInt8]] = []
            for try await bytes in try await connection.query("""
                SELECT report FROM source_pulls WHERE tenant = \(tenant) AND source = \(source) ORDER BY seq
                """, logger: logger).decode(ByteBuffer.self) {
                reports.append(bytes.bytes)
            }
            return SourceState(document: document, reports: reports)
        }
    }

    /// Upserts the state row first: its row lock, held until commit, serialises two pulls saving at once,
    /// so the second counts the first's history and is refused with `conflict` if it is behind.
    public func saveSourceState(_ state: SourceState, source: String, tenant: String) async throws {
        try StoreError.validate(source, as: "source")
        let logger = self.logger
        try await tenantTransaction(tenant) { connection in
            try await connection.query("""
                INSERT INTO source_states (tenant, source, document) VALUES (\(tenant), \(source), \(ByteBuffer(bytes: state.document)))
                ON CONFLICT (tenant, source) DO UPDATE SET document = EXCLUDED.document
                """, logger: logger)
            var storedCount = 0
            for try await count in try await connection.query("""
                SELECT count(*)::INTEGER FROM source_pulls WHERE tenant = \(tenant) AND source = \(source)
                """, logger: logger).decode(Int32.self) {
                storedCount = Int(count)
            }
            guard state.reports.count >= storedCount else {
                throw StoreError.historyConflict(stored: storedCount, given: state.reports.count)
            }
            for seq in storedCount..<state.reports.count {
                try await connection.query("""
                    INSERT INTO source_pulls (tenant, source, seq, report)
                    VALUES (\(tenant), \(source), \(Int32(seq)), \(ByteBuffer(bytes: state.reports[seq])))
                    """, logger: logger)
            }
        }
    }
}
