import EventLog
import Foundation
import Packs
import PostgresNIO

/// Pack documents in table `pack_documents` (row-level security by tenant), one row per (tenant, domain,
/// kind, version): a `PackRegistry` on this store keeps its packs and state in the database, so every server
/// and worker process sharing it sees the same packs and activations.
///
/// A write is one `INSERT … ON CONFLICT DO UPDATE` in its own transaction: a reader sees the previous document
/// or the new one, never a mix.
extension PostgresStore: PackStore {
    public func write(_ data: Data, at key: PackStoreKey) async throws {
        try Self.validate(key)
        let logger = self.logger
        let now = clock()
        try await tenantTransaction(key.tenant) { connection in
            try await connection.query("""
                INSERT INTO pack_documents (tenant, domain, kind, version, document, written_at)
                VALUES (\(key.tenant), \(key.domain), \(key.kind.rawValue), \(key.version), \(ByteBuffer(data: data)), \(now))
                ON CONFLICT (tenant, domain, kind, version) DO UPDATE SET document = EXCLUDED.document, written_at = EXCLUDED.written_at
                """, logger: logger)
            return ()
        }
    }

    /// One statement — an `UPDATE … WHERE document = $expected` or an `INSERT … ON CONFLICT DO NOTHING`, each
    /// `RETURNING` the row it changed: PostgreSQL's row lock makes it a compare-and-swap across every process.
    public func replace(_ key: PackStoreKey, expecting expected: Data?, with data: Data) async throws -> Bool {
        try Self.validate(key)
        let logger = self.logger
        let now = clock()
        return try await tenantTransaction(key.tenant) { connection in
            let rows = if let expected {
                try await connection.query("""
                    UPDATE pack_documents SET document = \(ByteBuffer(data: data)), written_at = \(now)
                    WHERE tenant = \(key.tenant) AND domain = \(key.domain) AND kind = \(key.kind.rawValue) AND version = \(key.version)
                      AND document = \(ByteBuffer(data: expected))
                    RETURNING 1
                    """, logger: logger)
            } else {
                try await connection.query("""
                    INSERT INTO pack_documents (tenant, domain, kind, version, document, written_at)
                    VALUES (\(key.tenant), \(key.domain), \(key.kind.rawValue), \(key.version), \(ByteBuffer(data: data)), \(now))
                    ON CONFLICT (tenant, domain, kind, version) DO NOTHING
                    RETURNING 1
                    """, logger: logger)
            }
            var changed = false
            for try await _ in rows.decode(Int32.self) { changed = true }
            return changed
        }
    }

    public func read(_ key: PackStoreKey) async throws -> Data? {
        let logger = self.logger
        return try await tenantTransaction(key.tenant) { connection in
            for try await bytes in try await connection.query("""
                SELECT document FROM pack_documents
                WHERE tenant = \(key.tenant) AND domain = \(key.domain) AND kind = \(key.kind.rawValue) AND version = \(key.version)
                """, logger: logger).decode(ByteBuffer.self) {
                return Data(bytes.readableBytesView)
            }
            return nil
        }
    }

    public func versions(tenant: String, domain: String, kind: PackStoreKey.Kind) async throws -> [String] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var versions: [String] = []
            for try await version in try await connection.query("""
                SELECT version FROM pack_documents WHERE tenant = \(tenant) AND domain = \(domain) AND kind = \(kind.rawValue) ORDER BY version
                """, logger: logger).decode(String.self) {
                versions.append(version)
            }
            return versions
        }
    }

    public func domains(tenant: String) async throws -> [String] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var domains: [String] = []
            for try await domain in try await connection.query("""
                SELECT DISTINCT domain FROM pack_documents WHERE tenant = \(tenant) ORDER BY domain
                """, logger: logger).decode(String.self) {
                domains.append(domain)
            }
            return domains
        }
    }

    /// Tenant and domain must be valid store names; the version may be empty (the registry state has none).
    static func validate(_ key: PackStoreKey) throws {
        try StoreError.validate(key.tenant, as: "tenant")
        try StoreError.validate(key.domain, as: "domain")
        if !key.version.isEmpty { try StoreError.validate(key.version, as: "version") }
    }
}
