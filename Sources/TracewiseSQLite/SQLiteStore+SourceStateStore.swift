import EventLog
import Foundation
import GRDB

extension SQLiteStore: SourceStateStore {
    public func sourceState(source: String, tenant: String) async throws -> SourceState? {
        try await run { db in
            guard let document = try Data.fetchOne(db, sql: "SELECT document FROM source_states WHERE tenant = ? AND source = ?",
                                                   arguments: [tenant, source]) else { return nil }
            let reports = try Data.fetchAll(db, sql: "SELECT report FROM source_pulls WHERE tenant = ? AND source = ? ORDER BY seq",
                                            arguments: [tenant, source])
            return SourceState(document: Array(document), reports: reports.map { Array($0) })
        }
    }

    public func saveSourceState(_ state: SourceState, source: String, tenant: String) async throws {
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(source, as: "source")
        try await write { db in
            let storedCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM source_pulls WHERE tenant = ? AND source = ?",
                                               arguments: [tenant, source]) ?? 0
            guard state.reports.count >= storedCount else {
                throw StoreError.historyConflict(stored: storedCount, given: state.reports.count)
            }
            try db.execute(sql: "INSERT OR REPLACE INTO source_states (tenant, source, document) VALUES (?, ?, ?)",
                           arguments: [tenant, source, Data(state.document)])
            for seq in storedCount..<state.reports.count {
                try db.execute(sql: "INSERT INTO source_pulls (tenant, source, seq, report) VALUES (?, ?, ?, ?)",
                               arguments: [tenant, source, seq, Data(state.reports[seq])])
            }
        }
    }
}
