import Agents
import EventLog
import Foundation
import PostgresNIO

extension PostgresStore: ExceptionStore {
    public func record(_ outcome: ExceptionOutcome, runId: String) async throws {
        let json = ByteBuffer(data: try StoreJSON.encode(outcome))
        let now = clock()
        let logger = self.logger
        try await tenantTransaction(outcome.exception.tenantId) { connection in
            try await Self.record(outcome, json: json, runId: runId, at: now, connection: connection, logger: logger)
        }
    }

    /// Upserts the latest outcome and appends the status change, inside the caller's tenant transaction.
    static func record(_ outcome: ExceptionOutcome, json: ByteBuffer, runId: String, at now: Int64, connection: PostgresConnection,
                       logger: Logger) async throws {
        let tenant = outcome.exception.tenantId
        let exceptionId = outcome.exception.exceptionId
        try StoreError.validate(exceptionId, as: "exception id")
        let status = outcome.exception.resolutionStatus.rawValue
        try await connection.query("""
            INSERT INTO exception_outcomes (tenant, exception_id, status, outcome, updated_at)
            VALUES (\(tenant), \(exceptionId), \(status), \(json), \(now))
            ON CONFLICT (tenant, exception_id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
                updated_at = EXCLUDED.updated_at
            """, logger: logger)
        try await connection.query("""
            INSERT INTO exception_status_history (tenant, exception_id, status, run_id, at)
            VALUES (\(tenant), \(exceptionId), \(status), \(runId), \(now))
            """, logger: logger)
    }

    public func outcome(exceptionId: String, tenant: String) async throws -> ExceptionOutcome? {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            try await Self.outcomes(try await connection.query("""
                SELECT outcome FROM exception_outcomes WHERE tenant = \(tenant) AND exception_id = \(exceptionId)
                """, logger: logger)).first
        }
    }

    public func outcomes(tenant: String, status: ResolutionStatus?) async throws -> [ExceptionOutcome] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            if let status {
                return try await Self.outcomes(try await connection.query("""
                    SELECT outcome FROM exception_outcomes WHERE tenant = \(tenant) AND status = \(status.rawValue)
                    ORDER BY exception_id COLLATE "C"
                    """, logger: logger))
            }
            return try await Self.outcomes(try await connection.query("""
                SELECT outcome FROM exception_outcomes WHERE tenant = \(tenant) ORDER BY exception_id COLLATE "C"
                """, logger: logger))
        }
    }

    public func statusHistory(exceptionId: String, tenant: String) async throws -> [StatusChange] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var history: [StatusChange] = []
            for try await (status, runId, at) in try await connection.query("""
                SELECT status, run_id, at FROM exception_status_history WHERE tenant = \(tenant) AND exception_id = \(exceptionId)
                ORDER BY id
                """, logger: logger).decode((String, String, Int64).self) {
                guard let status = ResolutionStatus(rawValue: status) else {
                    throw StoreError(.corrupt, "unknown resolution status in the status history")
                }
                history.append(StatusChange(status: status, runId: runId, atMicroseconds: at))
            }
            return history
        }
    }

    private static func outcomes(_ rows: PostgresRowSequence) async throws -> [ExceptionOutcome] {
        var outcomes: [ExceptionOutcome] = []
        for try await json in rows.decode(ByteBuffer.self) {
            outcomes.append(try StoreJSON.decode(ExceptionOutcome.self, from: Data(json.readableBytesView), what: "exception outcome"))
        }
        return outcomes
    }
}
