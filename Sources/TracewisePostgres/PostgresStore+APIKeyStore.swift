import Agents
import EventLog
import Foundation
import PostgresNIO

/// The service's API keys in table `api_keys` (row-level security by tenant): tenant, id, role, label, creation
/// time (UTC µs) and the SHA-256 of the key — never the key. Creating, listing and deleting run scoped to the
/// tenant; the lookup every request does comes before the tenant is known, so it runs as the store's own role —
/// one statement, one probe of the unique index `api_keys_by_hash`, no transaction round trips.
extension PostgresStore: APIKeyStore {
    public func insert(_ record: APIKeyRecord) async throws {
        try StoreError.validate(record.id, as: "API key id")
        let logger = self.logger
        let createdAt = APIKeyRecord.microseconds(record.createdAt)
        let inserted = try await tenantTransaction(record.tenant) { connection in
            var count = 0
            for try await _ in try await connection.query("""
                INSERT INTO api_keys (tenant, id, role, secret_hash, label, created_at)
                VALUES (\(record.tenant), \(record.id), \(record.role.rawValue), \(record.secretHash), \(record.label), \(createdAt))
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger).decode(String.self) { count += 1 }
            return count > 0
        }
        guard inserted else { throw StoreError(.alreadyExists, "API key \(record.id) of tenant \(record.tenant) exists") }
    }

    public func record(secretHash: String) async throws -> APIKeyRecord? {
        let logger = self.logger
        return try await withConnection { connection in
            for try await row in try await connection.query("""
                SELECT tenant, id, role, secret_hash, label, created_at FROM api_keys WHERE secret_hash = \(secretHash)
                """, logger: logger).decode((String, String, String, String, String?, Int64).self) {
                return try Self.apiKey(row)
            }
            return nil
        }
    }

    public func records(tenant: String) async throws -> [APIKeyRecord] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var records: [APIKeyRecord] = []
            for try await row in try await connection.query("""
                SELECT tenant, id, role, secret_hash, label, created_at FROM api_keys WHERE tenant = \(tenant) ORDER BY created_at, id
                """, logger: logger).decode((String, String, String, String, String?, Int64).self) {
                records.append(try Self.apiKey(row))
            }
            return records
        }
    }

    public func delete(id: String, tenant: String) async throws -> Bool {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var count = 0
            for try await _ in try await connection.query("""
                DELETE FROM api_keys WHERE tenant = \(tenant) AND id = \(id) RETURNING id
                """, logger: logger).decode(String.self) { count += 1 }
            return count > 0
        }
    }

    private static func apiKey(_ row: (String, String, String, String, String?, Int64)) throws -> APIKeyRecord {
        guard let role = Role(rawValue: row.2) else { throw StoreError(.corrupt, "an API key has an unknown role") }
        return APIKeyRecord(id: row.1, tenant: row.0, role: role, secretHash: row.3, createdAt: APIKeyRecord.date(microseconds: row.5),
                            label: row.4)
    }
}
