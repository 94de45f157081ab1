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

    public func finish(_ jobs: [FinishedJob], worker: String) async throws -> Set<Int64> {
        var byTenant: [String: [FinishedJob]] = [:]
        for item in jobs {
            guard item.outcome.exception.tenantID == item.job.tenantID else {
                throw StoreError(.invalidArgument, "the outcome's tenant is not the job's tenant")
            }
            try StoreError.validate(item.job.tenantID, as: "tenant")
            try StoreError.validate(item.outcome.exception.exceptionID, as: "exception id")
            byTenant[item.job.tenantID, default: []].append(item)
        }
        let batches = try byTenant.sorted { $0.key < $1.key }.map { try FinishBatch(tenant: $0.key, jobs: $0.value) }
        let now = clock()
        let logger = self.logger
        return try await transaction { connection in
            var lost: Set<Int64> = []
            for batch in batches {
                lost.formUnion(try await batch.commit(worker: worker, at: now, connection: connection, logger: logger))
            }
            return lost
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

/// One tenant's share of a batch finish, as the column arrays its `unnest` inserts bind: four statements
/// for any number of jobs, under the tenant's row-level security.
private struct FinishBatch: Sendable {
    let tenant: String
    let jobIDs: [Int64]
    let exceptionIDs: [String]
    let statuses: [String]
    let outcomes: [ByteBuffer]
    let runIDs: [String]
    /// Tool calls and audit lines, each with the index of its job in the arrays above.
    let calls: [(job: Int, key: String, body: ByteBuffer)]
    let lines: [(job: Int, seq: Int, line: ByteBuffer)]
    /// What the jobs remembered, per job (saved for the jobs still held).
    let memory: [[MemoryRecord]]

    init(tenant: String, jobs: [FinishedJob]) throws {
        guard jobs.allSatisfy({ $0.memory.allSatisfy { $0.entry.tenantID == tenant } }) else {
            throw StoreError(.invalidArgument, "a job's memory entries must belong to the job's tenant")
        }
        memory = jobs.map(\.memory)
        self.tenant = tenant
        jobIDs = jobs.map(\.job.id)
        exceptionIDs = jobs.map(\.outcome.exception.exceptionID)
        statuses = jobs.map(\.outcome.exception.resolutionStatus.rawValue)
        outcomes = try jobs.map { ByteBuffer(bytes: try $0.outcome.storeJSON()) }
        runIDs = jobs.map(\.runID)
        var calls: [(job: Int, key: String, body: ByteBuffer)] = []
        var lines: [(job: Int, seq: Int, line: ByteBuffer)] = []
        for (index, item) in jobs.enumerated() {
            for call in item.outcome.succeededToolCalls {
                calls.append((index, call.idempotencyKey, ByteBuffer(data: try StoreJSON.encode(call))))
            }
            for (seq, line) in AuditLedgerReport.lines(for: item.audit).enumerated() {
                lines.append((index, seq + 1, ByteBuffer(bytes: line)))
            }
        }
        self.calls = calls
        self.lines = lines
    }

    /// Completes the jobs the worker still holds and records their results; returns the ids it no longer holds.
    func commit(worker: String, at now: Int64, connection: PostgresConnection, logger: Logger) async throws -> Set<Int64> {
        try await connection.query("""
            SELECT set_config('role', 'tracewise_tenant', true), set_config('tracewise.tenant', \(tenant), true)
            """, logger: logger)
        var held: Set<Int64> = []
        for try await id in try await connection.query("""
            UPDATE jobs SET state = 'succeeded', lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ANY(\(jobIDs)::bigint[]) AND state = 'running' AND lease_owner = \(worker) RETURNING id
            """, logger: logger).decode(Int64.self) {
            held.insert(id)
        }
        let lost = Set(jobIDs).subtracting(held)
        let kept = jobIDs.indices.filter { held.contains(jobIDs[$0]) }
        guard !kept.isEmpty else { return lost }
        // The latest outcome per exception wins (a batch holds at most one job per exception, but be exact).
        var latest: [String: Int] = [:]
        for index in kept { latest[exceptionIDs[index]] = index }
        let outcomeRows = kept.filter { latest[exceptionIDs[$0]] == $0 }
        let tenants = [String](repeating: tenant, count: kept.count)
        let times = [Int64](repeating: now, count: kept.count)
        try await connection.query("""
            INSERT INTO exception_outcomes (tenant, exception_id, status, outcome, updated_at)
            SELECT * FROM unnest(\(Array(tenants.prefix(outcomeRows.count)))::text[], \(outcomeRows.map { exceptionIDs[$0] })::text[],
                                 \(outcomeRows.map { statuses[$0] })::text[], \(outcomeRows.map { outcomes[$0] })::bytea[],
                                 \(Array(times.prefix(outcomeRows.count)))::bigint[])
            ON CONFLICT (tenant, exception_id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
                updated_at = EXCLUDED.updated_at
            """, logger: logger)
        try await connection.query("""
            INSERT INTO exception_status_history (tenant, exception_id, status, run_id, at)
            SELECT * FROM unnest(\(tenants)::text[], \(kept.map { exceptionIDs[$0] })::text[], \(kept.map { statuses[$0] })::text[],
                                 \(kept.map { runIDs[$0] })::text[], \(times)::bigint[])
            """, logger: logger)
        let keptSet = Set(kept)
        let calls = self.calls.filter { keptSet.contains($0.job) }
        if !calls.isEmpty {
            try await connection.query("""
                INSERT INTO tool_calls (tenant, idempotency_key, exception_id, job_id, outcome)
                SELECT \(tenant), k, e, j, o FROM unnest(\(calls.map(\.key))::text[], \(calls.map { exceptionIDs[$0.job] })::text[],
                                                     \(calls.map { jobIDs[$0.job] })::bigint[], \(calls.map(\.body))::bytea[]) AS t(k, e, j, o)
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        let lines = self.lines.filter { keptSet.contains($0.job) }
        if !lines.isEmpty {
            try await connection.query("""
                INSERT INTO audit_records (tenant, chain, seq, line)
                SELECT \(tenant), c, s, l FROM unnest(\(lines.map { runIDs[$0.job] })::text[], \(lines.map(\.seq))::integer[],
                                                   \(lines.map(\.line))::bytea[]) AS t(c, s, l)
                """, logger: logger)
        }
        for batch in try MemoryBatch.byTenant(kept.flatMap { memory[$0] }) {
            try await batch.save(connection: connection, logger: logger)
        }
        return lost
    }
}
