import Agents
import EventLog
import Foundation
import PostgresNIO

/// Named audit chains in `audit_records` (the workers' job chains and the service's tenant chains), under the
/// tenant's row-level security. Any number of processes append to one chain at once: an append takes a
/// transaction-scoped advisory lock on (tenant, chain), reads the chain's last line (a backward probe of the
/// primary key) and inserts the next lines, so appenders queue per chain — never across chains — and the chain
/// never forks or loses a record; the primary key (tenant, chain, seq) would refuse a fork anyway.
extension PostgresStore: AuditChainStore {
    public func appendAudit(_ records: [[UInt8]], chain: String, tenant: String) async throws {
        guard !records.isEmpty else { return }
        let logger = self.logger
        try await tenantTransaction(tenant) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(tenant + "/" + chain), 7311))", logger: logger)
            var last: [UInt8]?
            for try await line in try await connection.query("""
                SELECT line FROM audit_records WHERE tenant = \(tenant) AND chain = \(chain) ORDER BY seq DESC LIMIT 1
                """, logger: logger).decode(ByteBuffer.self) {
                last = line.bytes
            }
            let lines = try AuditChain.lines(chaining: records, after: last)
            try await connection.query("""
                INSERT INTO audit_records (tenant, chain, seq, line)
                SELECT \(tenant), \(chain), s, l FROM unnest(\(lines.map(\.sequence))::integer[], \(lines.map { ByteBuffer(bytes: $0.bytes) })::bytea[]) AS t(s, l)
                """, logger: logger)
            return ()
        }
    }

    public func auditChain(_ chain: String, tenant: String) async throws -> [UInt8] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var jsonl: [UInt8] = []
            for try await line in try await connection.query("""
                SELECT line FROM audit_records WHERE tenant = \(tenant) AND chain = \(chain) ORDER BY seq
                """, logger: logger).decode(ByteBuffer.self) {
                jsonl += line.readableBytesView
                jsonl.append(UInt8(ascii: "\n"))
            }
            return jsonl
        }
    }

    public func importAuditChain(_ lines: [[UInt8]], chain: String, tenant: String) async throws -> Bool {
        guard !lines.isEmpty else { return false }
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(tenant + "/" + chain), 7311))", logger: logger)
            for try await _ in try await connection.query("""
                SELECT 1 FROM audit_records WHERE tenant = \(tenant) AND chain = \(chain) LIMIT 1
                """, logger: logger).decode(Int32.self) {
                return false
            }
            try await connection.query("""
                INSERT INTO audit_records (tenant, chain, seq, line)
                SELECT \(tenant), \(chain), s, l FROM unnest(\(Array(1...lines.count))::integer[],
                                                            \(lines.map { ByteBuffer(bytes: $0) })::bytea[]) AS t(s, l)
                """, logger: logger)
            return true
        }
    }
}
