import Agents
import EventLog
import Foundation
import GRDB

extension SQLiteStore: ExceptionStore {
    public func record(_ outcome: ExceptionOutcome, runID: String) async throws {
        let json = Data(try outcome.storeJSON())
        let now = clock()
        try await write { db in try Self.record(outcome, json: json, runID: runID, at: now, in: db) }
    }

    /// Upserts the latest outcome and appends the status change, inside the caller's transaction.
    static func record(_ outcome: ExceptionOutcome, json: Data, runID: String, at now: Int64, in db: Database) throws {
        let tenant = outcome.exception.tenantID
        let exceptionID = outcome.exception.exceptionID
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(exceptionID, as: "exception id")
        let status = outcome.exception.resolutionStatus.rawValue
        try db.execute(sql: "INSERT OR REPLACE INTO exception_outcomes VALUES (?, ?, ?, ?, ?)",
                       arguments: [tenant, exceptionID, status, json, now])
        try db.execute(sql: "INSERT INTO exception_status_history (tenant, exception_id, status, run_id, at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [tenant, exceptionID, status, runID, now])
    }

    public func outcome(exceptionID: String, tenant: String) async throws -> ExceptionOutcome? {
        try await run { db in
            try Data.fetchOne(db, sql: "SELECT outcome FROM exception_outcomes WHERE tenant = ? AND exception_id = ?",
                              arguments: [tenant, exceptionID])
                .map { try StoreJSON.decode(ExceptionOutcome.self, from: $0, what: "exception outcome") }
        }
    }

    public func outcomes(tenant: String, status: ResolutionStatus?) async throws -> [ExceptionOutcome] {
        try await run { db in
            let rows: [Data]
            if let status {
                rows = try Data.fetchAll(db, sql: """
                    SELECT outcome FROM exception_outcomes WHERE tenant = ? AND status = ? ORDER BY exception_id
                    """, arguments: [tenant, status.rawValue])
            } else {
                rows = try Data.fetchAll(db, sql: "SELECT outcome FROM exception_outcomes WHERE tenant = ? ORDER BY exception_id",
                                         arguments: [tenant])
            }
            return try rows.map { try StoreJSON.decode(ExceptionOutcome.self, from: $0, what: "exception outcome") }
        }
    }

    public func statusHistory(exceptionID: String, tenant: String) async throws -> [StatusChange] {
        try await run { db in
            try Row.fetchAll(db, sql: """
                SELECT status, run_id, at FROM exception_status_history WHERE tenant = ? AND exception_id = ? ORDER BY id
                """, arguments: [tenant, exceptionID]).map { row in
                guard let status = ResolutionStatus(rawValue: row[0]) else {
                    throw StoreError(.corrupt, "unknown resolution status in the status history")
                }
                return StatusChange(status: status, runID: row[1], atMicroseconds: row[2])
            }
        }
    }
}
