import Agents
import EventLog
import Foundation
import GRDB

/// The similar-case memory in table `memory_entries`, one row per (tenant, entry id) with the entry's JSON and its
/// vector (little-endian floats). SQLite commits one writer at a time, so a per-tenant counter taken in the write
/// transaction (`change`) orders saves as they commit, and "changes after cursor" never skips one.
extension SQLiteStore: MemoryStore {
    public func saveMemory(_ records: [MemoryRecord]) async throws {
        let rows = try Self.memoryRows(records)
        guard !rows.isEmpty else { return }
        try await write { db in try Self.saveMemory(rows, in: db) }
    }

    public func loadMemory(tenantID: String, capacityPerType: Int) async throws -> MemoryPage {
        try await run { db in
            let cursor = try Int64.fetchOne(db, sql: "SELECT MAX(change) FROM memory_entries WHERE tenant = ?", arguments: [tenantID]) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT entry, vector FROM (
                    SELECT entry, vector, position,
                           ROW_NUMBER() OVER (PARTITION BY exception_type ORDER BY position DESC) AS recent
                    FROM memory_entries WHERE tenant = ?)
                WHERE recent <= ? ORDER BY position
                """, arguments: [tenantID, max(1, capacityPerType)])
            return MemoryPage(records: try rows.map { try MemoryRecord(entryJSON: $0[0], vectorBytes: ($0[1] as Data)) }, cursor: cursor)
        }
    }

    public func memoryChanges(tenantID: String, after cursor: Int64) async throws -> MemoryPage {
        try await run { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT entry, vector, change FROM memory_entries WHERE tenant = ? AND change > ? ORDER BY change
                """, arguments: [tenantID, cursor])
            return MemoryPage(records: try rows.map { try MemoryRecord(entryJSON: $0[0], vectorBytes: ($0[1] as Data)) },
                              cursor: rows.last.map { $0[2] } ?? cursor)
        }
    }

    /// Ranks and deletes from the index `memory_entries_by_type` alone, as on PostgreSQL (`newer`, the number of the
    /// type's entries after the row, is the load's descending row number minus one).
    public func pruneMemory(tenantID: String, keepPerType: Int, limit: Int) async throws -> Int {
        guard limit > 0 else { return 0 }
        return try await write { db in
            try db.execute(sql: """
                DELETE FROM memory_entries WHERE tenant = ?1 AND (exception_type, position) IN (
                    SELECT exception_type, position FROM (
                        SELECT exception_type, position,
                               COUNT(*) OVER (PARTITION BY exception_type)
                                   - ROW_NUMBER() OVER (PARTITION BY exception_type ORDER BY position) AS newer
                        FROM memory_entries WHERE tenant = ?1)
                    WHERE newer >= ?2 ORDER BY position LIMIT ?3)
                """, arguments: [tenantID, max(1, keepPerType), limit])
            return db.changesCount
        }
    }

    /// A record as the row values `saveMemory(_:in:)` binds: tenant, entry id, type, entry JSON, vector.
    typealias MemoryRow = (tenant: String, id: String, type: String, entry: Data, vector: Data)

    static func memoryRows(_ records: [MemoryRecord]) throws -> [MemoryRow] {
        try records.map { record in
            try StoreError.validate(record.entry.tenantID, as: "tenant")
            try StoreError.validate(record.entry.id, as: "memory entry id")
            return (record.entry.tenantID, record.entry.id, record.entry.exceptionType ?? "", Data(record.entryJSON),
                    Data(record.vectorBytes))
        }
    }

    /// Upserts rows in the caller's write transaction (a save, or a worker's `finish`); a replaced entry keeps its
    /// position and gets a new change number.
    static func saveMemory(_ rows: [MemoryRow], in db: Database) throws {
        let upsert = try db.makeStatement(sql: """
            INSERT INTO memory_entries (tenant, entry_id, exception_type, position, change, entry, vector)
            VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)
            ON CONFLICT (tenant, entry_id) DO UPDATE SET exception_type = excluded.exception_type, change = excluded.change,
                entry = excluded.entry, vector = excluded.vector
            """)
        var next: [String: Int64] = [:]
        for row in rows {
            let change = try next[row.tenant] ?? (Int64.fetchOne(db, sql: "SELECT MAX(change) FROM memory_entries WHERE tenant = ?",
                                                                   arguments: [row.tenant]) ?? 0) + 1
            next[row.tenant] = change + 1
            upsert.setUncheckedArguments([row.tenant, row.id, row.type, change, row.entry, row.vector])
            try upsert.execute()
        }
    }
}
