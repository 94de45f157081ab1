import Agents
import EventLog
import Foundation
import GRDB

/// Named audit chains in `audit_records` (the workers' job chains and the service's tenant chains): an append
/// reads the chain's last line and inserts the next ones in one write transaction — SQLite's single writer
/// serialises appenders, across processes too — so a chain never forks; the primary key (tenant, chain, seq)
/// would refuse a fork anyway.
extension SQLiteStore: AuditChainStore {
    public func appendAudit(_ records: [[UInt8]], chain: String, tenant: String) async throws {
        try StoreError.validate(tenant, as: "tenant")
        guard !records.isEmpty else { return }
        try await write { db in
            let last = try Data.fetchOne(db, sql: "SELECT line FROM audit_records WHERE tenant = ? AND chain = ? ORDER BY seq DESC LIMIT 1",
                                         arguments: [tenant, chain])
            let insert = try db.cachedStatement(sql: "INSERT INTO audit_records (tenant, chain, seq, line) VALUES (?, ?, ?, ?)")
            for line in try AuditChain.lines(chaining: records, after: last.map { Array($0) }) {
                try insert.execute(arguments: [tenant, chain, line.sequence, Data(line.bytes)])
            }
        }
    }

    public func auditChain(_ chain: String, tenant: String) async throws -> [UInt8] {
        try await run { db in
            var jsonl: [UInt8] = []
            let rows = try Data.fetchCursor(db, sql: "SELECT line FROM audit_records WHERE tenant = ? AND chain = ? ORDER BY seq",
                                            arguments: [tenant, chain])
            while let line = try rows.next() {
                jsonl += line
                jsonl.append(UInt8(ascii: "\n"))
            }
            return jsonl
        }
    }

    public func importAuditChain(_ lines: [[UInt8]], chain: String, tenant: String) async throws -> Bool {
        try StoreError.validate(tenant, as: "tenant")
        guard !lines.isEmpty else { return false }
        return try await write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_records WHERE tenant = ? AND chain = ?", arguments: [tenant, chain]) == 0
            else { return false }
            let insert = try db.cachedStatement(sql: "INSERT INTO audit_records (tenant, chain, seq, line) VALUES (?, ?, ?, ?)")
            for (index, line) in lines.enumerated() {
                try insert.execute(arguments: [tenant, chain, index + 1, Data(line)])
            }
            return true
        }
    }
}
