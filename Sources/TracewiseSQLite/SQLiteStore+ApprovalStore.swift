import Agents
import EventLog
import Foundation
import GRDB

/// Approval requests: one row per version — version 0 is the pending request, version 1 its decision
/// (approved, rejected or expired) — so the unique key (tenant, request, version) lets a request be asked once
/// and decided once, whoever writes at the same time.
extension SQLiteStore {
    public func append(_ request: ApprovalRequest, bundle: String?) async throws {
        try StoreError.validate(request.tenantID, as: "tenant")
        try StoreError.validate(request.id, as: "approval request id")
        let json = try StoreJSON.encode(request)
        let version = request.status == .pending ? 0 : 1
        let now = clock()
        let inserted = try await write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO approval_requests (tenant, request_id, version, status, bundle, request, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [request.tenantID, request.id, version, request.status.rawValue, bundle, json, now])
            return db.changesCount > 0
        }
        if !inserted && version > 0 {
            throw StoreError(.conflict, "approval request \(request.id) of tenant \(request.tenantID) is already decided")
        }
    }

    public func history(tenantID: String) async throws -> [ApprovalRequest] {
        try await run { db in
            try Data.fetchAll(db, sql: "SELECT request FROM approval_requests WHERE tenant = ? ORDER BY id", arguments: [tenantID])
                .map { try StoreJSON.decode(ApprovalRequest.self, from: $0, what: "approval request") }
        }
    }

    public func history(tenantID: String, requestID: String) async throws -> [ApprovalRequest] {
        try await run { db in
            try Data.fetchAll(db, sql: """
                SELECT request FROM approval_requests WHERE tenant = ? AND request_id = ? ORDER BY version
                """, arguments: [tenantID, requestID])
                .map { try StoreJSON.decode(ApprovalRequest.self, from: $0, what: "approval request") }
        }
    }

    public func approvalBundle(requestID: String, tenant: String) async throws -> String? {
        try await run { db in
            try String.fetchOne(db, sql: """
                SELECT bundle FROM approval_requests WHERE tenant = ? AND request_id = ? AND bundle IS NOT NULL ORDER BY version LIMIT 1
                """, arguments: [tenant, requestID])
        }
    }
}

extension SQLiteStore {
    /// Version-0 rows with a bundle and no `resume:<id>` job, each with its decision when there is one; the jobs'
    /// unique (tenant, dedupe_key) index answers the anti-join. Decided ones first, then pending ones by deadline (read
    /// from the request's JSON), so a backlog of requests not yet due never hides one that is.
    public func approvalsAwaitingResume(limit: Int) async throws -> [AwaitingApproval] {
        try await run { db in
            try Row.fetchAll(db, sql: """
                SELECT COALESCE(d.request, a.request), a.bundle FROM approval_requests a
                LEFT JOIN approval_requests d ON d.tenant = a.tenant AND d.request_id = a.request_id AND d.version = 1
                WHERE a.version = 0 AND a.bundle IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.tenant = a.tenant AND j.dedupe_key = 'resume:' || a.request_id)
                ORDER BY d.request IS NULL, CAST(json_extract(CAST(a.request AS TEXT), '$.deadline') AS REAL), a.id
                LIMIT ?
                """, arguments: [max(1, limit)]).map { row in
                AwaitingApproval(request: try StoreJSON.decode(ApprovalRequest.self, from: row[0], what: "approval request"), bundle: row[1])
            }
        }
    }
}
