import EventLog
import Foundation
import GRDB
import Packs

/// Pack documents in table `pack_documents`, one row per (tenant, domain, kind, version): a `PackRegistry` on
/// this store keeps its packs and state in the database, shared by every process that opens it.
///
/// A write is one `INSERT … ON CONFLICT DO UPDATE` in its own transaction, so a reader sees the previous
/// document or the new one, never a mix, and a crash loses at most the write that had not committed.
extension SQLiteStore: PackStore {
    public func write(_ data: Data, at key: PackStoreKey) async throws {
        try Self.validate(key)
        let now = clock()
        try await write { db in
            try db.execute(sql: """
                INSERT INTO pack_documents (tenant, domain, kind, version, document, written_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant, domain, kind, version) DO UPDATE SET document = excluded.document, written_at = excluded.written_at
                """, arguments: [key.tenant, key.domain, key.kind.rawValue, key.version, data, now])
        }
    }

    /// One statement — an `UPDATE … WHERE document = ?` or an `INSERT … ON CONFLICT DO NOTHING` — whose change
    /// count says whether it took: SQLite runs it under the database's write lock, so it is a compare-and-swap
    /// across every process that opens the file.
    public func replace(_ key: PackStoreKey, expecting expected: Data?, with data: Data) async throws -> Bool {
        try Self.validate(key)
        let now = clock()
        return try await write { db in
            if let expected {
                try db.execute(sql: """
                    UPDATE pack_documents SET document = ?, written_at = ?
                    WHERE tenant = ? AND domain = ? AND kind = ? AND version = ? AND document = ?
                    """, arguments: [data, now, key.tenant, key.domain, key.kind.rawValue, key.version, expected])
            } else {
                try db.execute(sql: """
                    INSERT INTO pack_documents (tenant, domain, kind, version, document, written_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant, domain, kind, version) DO NOTHING
                    """, arguments: [key.tenant, key.domain, key.kind.rawValue, key.version, data, now])
            }
            return db.changesCount == 1
        }
    }

    public func read(_ key: PackStoreKey) async throws -> Data? {
        try await run { db in
            try Data.fetchOne(db, sql: "SELECT document FROM pack_documents WHERE tenant = ? AND domain = ? AND kind = ? AND version = ?",
                              arguments: [key.tenant, key.domain, key.kind.rawValue, key.version])
        }
    }

    public func versions(tenant: String, domain: String, kind: PackStoreKey.Kind) async throws -> [String] {
        try await run { db in
            try String.fetchAll(db, sql: "SELECT version FROM pack_documents WHERE tenant = ? AND domain = ? AND kind = ? ORDER BY version",
                                arguments: [tenant, domain, kind.rawValue])
        }
    }

    public func domains(tenant: String) async throws -> [String] {
        try await run { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT domain FROM pack_documents WHERE tenant = ? ORDER BY domain", arguments: [tenant])
        }
    }

    /// Tenant and domain must be valid store names; the version may be empty (the registry state has none).
    static func validate(_ key: PackStoreKey) throws {
        try StoreError.validate(key.tenant, as: "tenant")
        try StoreError.validate(key.domain, as: "domain")
        if !key.version.isEmpty { try StoreError.validate(key.version, as: "version") }
    }
}
