import Agents
import EventLog
import Foundation
import PostgresNIO

extension PostgresStore: ExceptionStore {
    public func record(_ outcome: ExceptionOutcome, runID: String) async throws {
        let json = ByteBuffer(bytes: try outcome.storeJSON())
        let now = clock()
        let logger = self.logger
        try await tenantTransaction(outcome.exception.tenantID) { connection in
            try await Self.record(outcome, json: json, runID: runID, at: now, connection: connection, logger: logger)
        }
    }

    /// Upserts the latest outcome and appends the status change, inside the caller's tenant transaction.
    static func record(_ outcome: ExceptionOutcome, json: ByteBuffer, runID: String, at now: Int64, connection: PostgresConnection,
                       logger: Logger) async throws {
        let tenant = outcome.exception.tenantID
        let exceptionID = outcome.exception.exceptionID
        try StoreError.validate(exceptionID, as: "exception id")
        let status = outcome.exception.resolutionStatus.rawValue
        try await connection.query("""
            INSERT INTO exception_outcomes (tenant, exception_id, status, outcome, updated_at)
            VALUES (\(tenant), \(exceptionID), \(status), \(json), \(now))
            ON CONFLICT (tenant, exception_id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
                updated_at = EXCLUDED.updated_at
            """, logger: logger)
        try await connection.query("""
            INSERT INTO exception_status_history (tenant, exception_id, status, run_id, at)
            VALUES (\(tenant), \(exceptionID), \(status), \(runID), \(now))
            """, logger: logger)
    }

    public func outcome(exceptionID: String, tenant: String) async throws -> ExceptionOutcome? {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            try await Self.outcomes(try await connection.query("""
                SELECT outcome FROM exception_outcomes WHERE tenant = \(tenant) AND exception_id = \(exceptionID)
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

    public func statusHistory(exceptionID: String, tenant: String) async throws -> [StatusChange] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var history: [StatusChange] = []
            for try await (status, runID, at) in try await connection.query("""
                SELECT status, run_id, at FROM exception_status_history WHERE tenant = \(tenant) AND exception_id = \(exceptionID)
                ORDER BY id
                """, logger: logger).decode((String, String, Int64).self) {
                guard let status = ResolutionStatus(rawValue: status) else {
                    throw StoreError(.corrupt, "unknown resolution status in the status history")
                }
                history.append(StatusChange(status: status, runID: runID, atMicroseconds: at))
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
