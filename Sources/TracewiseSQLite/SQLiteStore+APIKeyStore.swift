import Agents
import EventLog
import Foundation
import GRDB

/// The service's API keys in table `api_keys`: tenant, id, role, label, creation time (UTC µs) and the SHA-256 of
/// the key — never the key. The lookup every request does is one probe of the unique index on the hash.
extension SQLiteStore: APIKeyStore {
    public func insert(_ record: APIKeyRecord) async throws {
        try StoreError.validate(record.tenant, as: "tenant")
        try StoreError.validate(record.id, as: "API key id")
        try await write { db in
            let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM api_keys WHERE (tenant = ? AND id = ?) OR secret_hash = ?",
                                        arguments: [record.tenant, record.id, record.secretHash]) ?? 0
            guard held == 0 else { throw StoreError(.alreadyExists, "API key \(record.id) of tenant \(record.tenant) exists") }
            try db.execute(sql: "INSERT INTO api_keys (tenant, id, role, secret_hash, label, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [record.tenant, record.id, record.role.rawValue, record.secretHash, record.label,
                                       APIKeyRecord.microseconds(record.createdAt)])
        }
    }

    public func record(secretHash: String) async throws -> APIKeyRecord? {
        try await run { db in
            try Row.fetchOne(db, sql: "SELECT tenant, id, role, secret_hash, label, created_at FROM api_keys WHERE secret_hash = ?",
                             arguments: [secretHash]).map(Self.apiKey)
        }
    }

    public func records(tenant: String) async throws -> [APIKeyRecord] {
        try await run { db in
            try Row.fetchAll(db, sql: """
                SELECT tenant, id, role, secret_hash, label, created_at FROM api_keys WHERE tenant = ? ORDER BY created_at, id
                """, arguments: [tenant]).map(Self.apiKey)
        }
    }

    public func delete(id: String, tenant: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM api_keys WHERE tenant = ? AND id = ?", arguments: [tenant, id])
            return db.changesCount > 0
        }
    }

    private static func apiKey(_ row: Row) throws -> APIKeyRecord {
        let role: String = row[2]
        guard let parsed = Role(rawValue: role) else { throw StoreError(.corrupt, "an API key has an unknown role") }
        return APIKeyRecord(id: row[1], tenant: row[0], role: parsed, secretHash: row[3], createdAt: APIKeyRecord.date(microseconds: row[5]),
                            label: row[4])
    }
}
