import Agents
import EventLog
import Foundation
import Packs
import PostgresNIO

extension PostgresStore: ExceptionWorkStore {
    public func savePackBundle(_ bundle: PackBundle) async throws -> String {
        let json = try StoreJSON.encode(bundle)
        let id = SHA256.hex(Array(json))
        let tenant = bundle.tenant.tenantID
        let body = ByteBuffer(data: json)
        let logger = self.logger
        try await tenantTransaction(tenant) { connection in
            _ = try await connection.query("""
                INSERT INTO pack_bundles (tenant, id, bundle) VALUES (\(tenant), \(id), \(body)) ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        return id
    }

    public func packBundle(id: String, tenant: String) async throws -> PackBundle? {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            for try await body in try await connection.query("""
                SELECT bundle FROM pack_bundles WHERE tenant = \(tenant) AND id = \(id)
                """, logger: logger).decode(ByteBuffer.self) {
                return try StoreJSON.decode(PackBundle.self, from: Data(body.readableBytesView), what: "pack bundle")
            }
            return nil
        }
    }

    public func succeededToolCalls(exceptionID: String, tenant: String) async throws -> [ToolCallOutcome] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var calls: [ToolCallOutcome] = []
            for try await body in try await connection.query("""
                SELECT outcome FROM tool_calls WHERE tenant = \(tenant) AND exception_id = \(exceptionID) ORDER BY idempotency_key COLLATE "C"
                """, logger: logger).decode(ByteBuffer.self) {
                calls.append(try StoreJSON.decode(ToolCallOutcome.self, from: Data(body.readableBytesView), what: "tool call"))
            }
            return calls
        }
    }

    public func finish(_ job: ClaimedJob, worker: String, outcome: ExceptionOutcome, runID: String, audit: [AuditEntry]) async throws {
        guard outcome.exception.tenantID == job.tenantID else {
            throw StoreError(.invalidArgument, "the outcome's tenant is not the job's tenant")
        }
        let json = ByteBuffer(data: try StoreJSON.encode(outcome))
        let calls = try outcome.succeededToolCalls.map { ($0.idempotencyKey, ByteBuffer(data: try StoreJSON.encode($0))) }
        let lines = AuditLedgerReport.lines(for: audit).map { ByteBuffer(bytes: $0) }
        let now = clock()
        let logger = self.logger
        let tenant = job.tenantID
        let exceptionID = outcome.exception.exceptionID
        try await tenantTransaction(tenant) { connection in
            try await Self.complete(job.id, worker: worker, connection: connection, logger: logger)
            try await Self.record(outcome, json: json, runID: runID, at: now, connection: connection, logger: logger)
            for (key, body) in calls {
                try await connection.query("""
                    INSERT INTO tool_calls (tenant, idempotency_key, exception_id, job_id, outcome)
                    VALUES (\(tenant), \(key), \(exceptionID), \(job.id), \(body)) ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            if !lines.isEmpty {
                let sequences = Array(1...lines.count)
                try await connection.query("""
                    INSERT INTO audit_records (tenant, chain, seq, line)
                    SELECT \(tenant), \(runID), s, l FROM unnest(\(sequences)::integer[], \(lines)::bytea[]) AS t(s, l)
                    """, logger: logger)
            }
        }
    }

    public func verifyAudit(tenant: String) async throws -> AuditLedgerReport {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var builder = AuditLedgerReport.Builder(tenant: tenant)
            for try await (name, line) in try await connection.query("""
                SELECT chain, line FROM audit_records WHERE tenant = \(tenant) ORDER BY chain COLLATE "C", seq
                """, logger: logger).decode((String, ByteBuffer).self) {
                builder.add(line.bytes, toChain: name)
            }
            return builder.finish()
        }
    }
}
