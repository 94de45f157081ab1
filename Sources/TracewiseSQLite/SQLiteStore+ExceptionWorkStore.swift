import Agents
import EventLog
import Foundation
import GRDB
import Packs

extension SQLiteStore: ExceptionWorkStore {
    public func savePackBundle(_ bundle: PackBundle) async throws -> String {
        let json = try StoreJSON.encode(bundle)
        let id = SHA256.hex(Array(json))
        let tenant = bundle.tenant.tenantID
        try StoreError.validate(tenant, as: "tenant")
        try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO pack_bundles VALUES (?, ?, ?)", arguments: [tenant, id, json])
        }
        return id
    }

    public func packBundle(id: String, tenant: String) async throws -> PackBundle? {
        try await run { db in
            try Data.fetchOne(db, sql: "SELECT bundle FROM pack_bundles WHERE tenant = ? AND id = ?", arguments: [tenant, id])
                .map { try StoreJSON.decode(PackBundle.self, from: $0, what: "pack bundle") }
        }
    }

    public func succeededToolCalls(exceptionID: String, tenant: String) async throws -> [ToolCallOutcome] {
        try await run { db in
            try Data.fetchAll(db, sql: """
                SELECT outcome FROM tool_calls WHERE tenant = ? AND exception_id = ? ORDER BY idempotency_key
                """, arguments: [tenant, exceptionID]).map { try StoreJSON.decode(ToolCallOutcome.self, from: $0, what: "tool call") }
        }
    }

    public func finish(_ jobs: [FinishedJob], worker: String) async throws -> Set<Int64> {
        let rows = try jobs.map { item in
            guard item.outcome.exception.tenantID == item.job.tenantID else {
                throw StoreError(.invalidArgument, "the outcome's tenant is not the job's tenant")
            }
            return (item, json: Data(try item.outcome.storeJSON()),
                    calls: try item.outcome.succeededToolCalls.map { ($0.idempotencyKey, try StoreJSON.encode($0)) },
                    lines: AuditLedgerReport.lines(for: item.audit), memory: try Self.memoryRows(item.memory))
        }
        let now = clock()
        return try await write { db in
            var lost: Set<Int64> = []
            let call = try db.makeStatement(sql: "INSERT OR IGNORE INTO tool_calls VALUES (?, ?, ?, ?, ?)")
            let record = try db.makeStatement(sql: "INSERT INTO audit_records VALUES (?, ?, ?, ?)")
            for (item, json, calls, lines, memory) in rows {
                let tenant = item.job.tenantID
                do {
                    try Self.complete(item.job.id, worker: worker, in: db)
                } catch let error as StoreError where error.code == .leaseLost {
                    lost.insert(item.job.id)
                    continue
                }
                try Self.record(item.outcome, json: json, runID: item.runID, at: now, in: db)
                for (key, body) in calls {
                    call.setUncheckedArguments([tenant, key, item.outcome.exception.exceptionID, item.job.id, body])
                    try call.execute()
                }
                for (index, line) in lines.enumerated() {
                    record.setUncheckedArguments([tenant, item.runID, index + 1, Data(line)])
                    try record.execute()
                }
                guard memory.allSatisfy({ $0.tenant == tenant }) else {
                    throw StoreError(.invalidArgument, "a job's memory entries must belong to the job's tenant")
                }
                try Self.saveMemory(memory, in: db)
            }
            return lost
        }
    }

    public func verifyAudit(tenant: String) async throws -> AuditLedgerReport {
        try await run { db in
            var builder = AuditLedgerReport.Builder(tenant: tenant)
            let rows = try Row.fetchCursor(db, sql: "SELECT chain, line FROM audit_records WHERE tenant = ? ORDER BY chain, seq",
                                           arguments: [tenant])
            while let row = try rows.next() {
                builder.add(Array(row[1] as Data), toChain: row[0])
            }
            return builder.finish()
        }
    }
}
