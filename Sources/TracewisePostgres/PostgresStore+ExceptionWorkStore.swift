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
            let ledger = PostgresPrepared.SucceededToolCalls(tenant: tenant, exceptionID: exceptionID)
            for try await body in try await connection.execute(ledger, logger: logger) {
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

/// One tenant's share of a batch finish, as the column arrays its `unnest` inserts bind: one prepared statement per
/// table for any number of jobs, under the tenant's row-level security.
private struct FinishBatch: Sendable {
    let tenant: String
    let jobIDs: [Int64]
    let exceptionIDs: [String]
    let statuses: [String]
    let outcomes: [ByteBuffer]
    let runIDs: [String]
    /// Tool calls and audit lines as columns, each row with the index of its job in the arrays above.
    let callJobs: [Int]
    let callKeys: [String]
    let callBodies: [ByteBuffer]
    let lineJobs: [Int]
    let lineSequenceNumbers: [Int32]
    let lines: [ByteBuffer]
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
        var callJobs: [Int] = [], callKeys: [String] = [], callBodies: [ByteBuffer] = []
        var lineJobs: [Int] = [], lineSequenceNumbers: [Int32] = [], lines: [ByteBuffer] = []
        for (index, item) in jobs.enumerated() {
            for call in item.outcome.succeededToolCalls {
                callJobs.append(index)
                callKeys.append(call.idempotencyKey)
                callBodies.append(ByteBuffer(data: try StoreJSON.encode(call)))
            }
            for (seq, line) in AuditLedgerReport.lines(for: item.audit).enumerated() {
                lineJobs.append(index)
                lineSequenceNumbers.append(Int32(seq + 1))
                lines.append(ByteBuffer(bytes: line))
            }
        }
        (self.callJobs, self.callKeys, self.callBodies) = (callJobs, callKeys, callBodies)
        (self.lineJobs, self.lineSequenceNumbers, self.lines) = (lineJobs, lineSequenceNumbers, lines)
    }

    /// Completes the jobs the worker still holds and records their results; returns the ids it no longer holds.
    func commit(worker: String, at now: Int64, connection: PostgresConnection, logger: Logger) async throws -> Set<Int64> {
        try await PostgresStore.scope(connection, to: tenant, logger: logger)
        var held: Set<Int64> = []
        for try await id in try await connection.execute(PostgresPrepared.CompleteJobs(ids: jobIDs, worker: worker), logger: logger) {
            held.insert(id)
        }
        let lost = Set(jobIDs).subtracting(held)
        let kept = jobIDs.indices.filter { held.contains(jobIDs[$0]) }
        guard !kept.isEmpty else { return lost }
        let keptAll = kept.count == jobIDs.count
        // The latest outcome per exception wins (a batch holds at most one job per exception, but be exact).
        var latest: [String: Int] = [:]
        for index in kept { latest[exceptionIDs[index]] = index }
        let outcomeRows = kept.filter { latest[exceptionIDs[$0]] == $0 }
        try await connection.execute(PostgresPrepared.UpsertOutcomes(
            tenant: tenant, exceptionIDs: outcomeRows.map { exceptionIDs[$0] }, statuses: outcomeRows.map { statuses[$0] },
            outcomes: outcomeRows.map { outcomes[$0] }, at: now), logger: logger)
        try await connection.execute(PostgresPrepared.InsertStatusChanges(
            tenant: tenant, exceptionIDs: keptAll ? exceptionIDs : kept.map { exceptionIDs[$0] },
            statuses: keptAll ? statuses : kept.map { statuses[$0] }, runIDs: keptAll ? runIDs : kept.map { runIDs[$0] }, at: now),
            logger: logger)
        let keptSet = Set(kept)
        let calls = callJobs.indices.filter { keptSet.contains(callJobs[$0]) }
        if !calls.isEmpty {
            try await connection.execute(PostgresPrepared.InsertToolCalls(
                tenant: tenant, keys: calls.map { callKeys[$0] }, exceptionIDs: calls.map { exceptionIDs[callJobs[$0]] },
                jobIDs: calls.map { jobIDs[callJobs[$0]] }, outcomes: calls.map { callBodies[$0] }), logger: logger)
        }
        let rows = keptAll ? Array(lineJobs.indices) : lineJobs.indices.filter { keptSet.contains(lineJobs[$0]) }
        if !rows.isEmpty {
            try await connection.execute(PostgresPrepared.InsertAuditLines(
                tenant: tenant, chains: rows.map { runIDs[lineJobs[$0]] },
                sequenceNumbers: keptAll ? lineSequenceNumbers : rows.map { lineSequenceNumbers[$0] },
                lines: keptAll ? lines : rows.map { lines[$0] }), logger: logger)
        }
        for batch in try MemoryBatch.byTenant(kept.flatMap { memory[$0] }) {
            try await batch.save(connection: connection, logger: logger)
        }
        return lost
    }
}
