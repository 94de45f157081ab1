import Agents
import EventLog
import Foundation
import PostgresNIO

/// Approval requests: one row per version — version 0 is the pending request, version 1 its decision
/// (approved, rejected or expired) — so the unique key (tenant, request, version) lets a request be asked once
/// and decided once, whichever workers and people write at the same time. Row-level security keeps tenants apart.
extension PostgresStore {
    public func append(_ request: ApprovalRequest, bundle: String?) async throws {
        try StoreError.validate(request.id, as: "approval request id")
        let json = ByteBuffer(data: try StoreJSON.encode(request))
        let version = request.status == .pending ? 0 : 1
        let status = request.status.rawValue
        let tenant = request.tenantID
        let requestID = request.id
        let now = clock()
        let logger = self.logger
        let inserted = try await tenantTransaction(tenant) { connection in
            var count = 0
            for try await _ in try await connection.query("""
                INSERT INTO approval_requests (tenant, request_id, version, status, bundle, request, recorded_at)
                VALUES (\(tenant), \(requestID), \(version), \(status), \(bundle), \(json), \(now))
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger).decode(Int64.self) { count += 1 }
            return count > 0
        }
        if !inserted && version > 0 {
            throw StoreError(.conflict, "approval request \(requestID) of tenant \(tenant) is already decided")
        }
    }

    public func history(tenantID: String) async throws -> [ApprovalRequest] {
        let logger = self.logger
        return try await tenantTransaction(tenantID) { connection in
            var requests: [ApprovalRequest] = []
            for try await body in try await connection.query("""
                SELECT request FROM approval_requests WHERE tenant = \(tenantID) ORDER BY id
                """, logger: logger).decode(ByteBuffer.self) {
                requests.append(try StoreJSON.decode(ApprovalRequest.self, from: Data(body.readableBytesView), what: "approval request"))
            }
            return requests
        }
    }

    public func history(tenantID: String, requestID: String) async throws -> [ApprovalRequest] {
        let logger = self.logger
        return try await tenantTransaction(tenantID) { connection in
            var requests: [ApprovalRequest] = []
            for try await body in try await connection.query("""
                SELECT request FROM approval_requests WHERE tenant = \(tenantID) AND request_id = \(requestID) ORDER BY version
                """, logger: logger).decode(ByteBuffer.self) {
                requests.append(try StoreJSON.decode(ApprovalRequest.self, from: Data(body.readableBytesView), what: "approval request"))
            }
            return requests
        }
    }

    public func approvalBundle(requestID: String, tenant: String) async throws -> String? {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            for try await bundle in try await connection.query("""
                SELECT bundle FROM approval_requests
                WHERE tenant = \(tenant) AND request_id = \(requestID) AND bundle IS NOT NULL ORDER BY version LIMIT 1
                """, logger: logger).decode(String.self) {
                return bundle
            }
            return nil
        }
    }
}

extension PostgresStore {
    /// Version-0 rows with a bundle and no `resume:<id>` job, each with its decision when there is one, across
    /// tenants (run as the store's own role, like the queue's claim); the jobs' unique (tenant, dedupe_key) index
    /// answers the anti-join. Decided ones first, then pending ones by deadline (read from the request's JSON), so a
    /// backlog of requests not yet due never hides one that is.
    public func approvalsAwaitingResume(limit: Int) async throws -> [AwaitingApproval] {
        let logger = self.logger
        let limit = Int64(max(1, limit))
        return try await transaction { connection in
            var awaiting: [AwaitingApproval] = []
            for try await (body, bundle) in try await connection.query("""
                SELECT COALESCE(d.request, a.request), a.bundle FROM approval_requests a
                LEFT JOIN approval_requests d ON d.tenant = a.tenant AND d.request_id = a.request_id AND d.version = 1
                WHERE a.version = 0 AND a.bundle IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.tenant = a.tenant AND j.dedupe_key = 'resume:' || a.request_id)
                ORDER BY d.request IS NULL, (convert_from(a.request, 'UTF8')::json ->> 'deadline')::float8, a.id
                LIMIT \(limit)
                """, logger: logger).decode((ByteBuffer, String).self) {
                awaiting.append(AwaitingApproval(request: try StoreJSON.decode(ApprovalRequest.self, from: Data(body.readableBytesView),
                                                                                what: "approval request"), bundle: bundle))
            }
            return awaiting
        }
    }
}
