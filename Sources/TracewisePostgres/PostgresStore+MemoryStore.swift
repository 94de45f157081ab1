import Agents
import EventLog
import Foundation
import Logging
import PostgresNIO

/// The similar-case memory in table `memory_entries` (row-level security by tenant), one row per (tenant, entry id)
/// with the entry's JSON and its vector (little-endian floats).
///
/// Many workers commit at once and a sequence number is taken before its transaction commits, so "rows numbered
/// above what I saw" could skip a row committed late. Instead each row records the transaction that saved it
/// (`change`, `pg_current_xact_id()`), and a reader's cursor is the oldest transaction still running when it read
/// (`pg_snapshot_xmin`): every transaction below it had ended, so its rows were visible, and the next read asks from
/// there. A row may be read twice (harmless: applying it again changes nothing); none is skipped.
extension PostgresStore: MemoryStore {
    public func saveMemory(_ records: [MemoryRecord]) async throws {
        let batches = try MemoryBatch.byTenant(records)
        let logger = self.logger
        for batch in batches {
            try await tenantTransaction(batch.tenant) { connection in
                try await batch.save(connection: connection, logger: logger)
            }
        }
    }

    public func loadMemory(tenantID: String, capacityPerType: Int) async throws -> MemoryPage {
        let logger = self.logger
        let capacity = Int64(max(1, capacityPerType))
        return try await tenantTransaction(tenantID) { connection in
            let cursor = try await Self.oldestRunningTransaction(connection, logger: logger)
            var records: [MemoryRecord] = []
            for try await (entry, vector) in try await connection.query("""
                SELECT entry, vector FROM (
                    SELECT entry, vector, position,
                           ROW_NUMBER() OVER (PARTITION BY exception_type ORDER BY position DESC) AS recent
                    FROM memory_entries WHERE tenant = \(tenantID)) AS kept
                WHERE recent <= \(capacity) ORDER BY position
                """, logger: logger).decode((ByteBuffer, ByteBuffer).self) {
                records.append(try MemoryRecord(entryJSON: Data(entry.readableBytesView), vectorBytes: vector.readableBytesView))
            }
            return MemoryPage(records: records, cursor: cursor)
        }
    }

    public func memoryChanges(tenantID: String, after cursor: Int64) async throws -> MemoryPage {
        let logger = self.logger
        return try await tenantTransaction(tenantID) { connection in
            let next = try await Self.oldestRunningTransaction(connection, logger: logger)
            var records: [MemoryRecord] = []
            let changes = PostgresPrepared.MemoryChanges(tenant: tenantID, from: cursor, to: next)
            for try await (entry, vector) in try await connection.execute(changes, logger: logger) {
                records.append(try MemoryRecord(entryJSON: Data(entry.readableBytesView), vectorBytes: vector.readableBytesView))
            }
            return MemoryPage(records: records, cursor: next)
        }
    }

    public func pruneMemory(tenantID: String, keepPerType: Int, limit: Int) async throws -> Int {
        guard limit > 0 else { return 0 }
        let logger = self.logger
        let prune = PostgresPrepared.PruneMemory(tenant: tenantID, keepPerType: Int64(max(1, keepPerType)), limit: Int64(limit))
        return try await tenantTransaction(tenantID) { connection in
            for try await deleted in try await connection.execute(prune, logger: logger) { return Int(deleted) }
            throw StoreError(.backend, "PostgreSQL returned no count of pruned memory entries")
        }
    }

    /// The oldest transaction running now (every older one has ended), as a cursor.
    private static func oldestRunningTransaction(_ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        for try await xmin in try await connection.execute(PostgresPrepared.OldestRunningTransaction(), logger: logger) {
            return xmin
        }
        throw StoreError(.backend, "PostgreSQL returned no snapshot")
    }
}

/// One tenant's memory records as the column arrays one `unnest` upsert binds; saved by ``PostgresStore/saveMemory(_:)``
/// or inside a worker's `finish` transaction.
struct MemoryBatch: Sendable {
    let tenant: String
    let ids: [String]
    let types: [String]
    let entries: [ByteBuffer]
    let vectors: [ByteBuffer]

    /// The records grouped by tenant, the last record of an entry id winning (one upsert cannot touch a row twice).
    static func byTenant(_ records: [MemoryRecord]) throws -> [MemoryBatch] {
        var latest: [String: [String: MemoryRecord]] = [:]
        var order: [String: [String]] = [:]
        for record in records {
            try StoreError.validate(record.entry.tenantID, as: "tenant")
            try StoreError.validate(record.entry.id, as: "memory entry id")
            if latest[record.entry.tenantID]?[record.entry.id] == nil { order[record.entry.tenantID, default: []].append(record.entry.id) }
            latest[record.entry.tenantID, default: [:]][record.entry.id] = record
        }
        return order.keys.sorted().map { tenant in
            let kept = order[tenant, default: []].compactMap { latest[tenant]?[$0] }
            return MemoryBatch(tenant: tenant, ids: kept.map(\.entry.id), types: kept.map { $0.entry.exceptionType ?? "" },
                               entries: kept.map { ByteBuffer(bytes: $0.entryJSON) },
                               vectors: kept.map { ByteBuffer(bytes: $0.vectorBytes) })
        }
    }

    /// Upserts the rows on a connection already scoped to the tenant; a replaced entry keeps its position and records
    /// the saving transaction as its change.
    func save(connection: PostgresConnection, logger: Logger) async throws {
        guard !ids.isEmpty else { return }
        try await connection.execute(PostgresPrepared.UpsertMemory(batch: self), logger: logger)
    }
}
