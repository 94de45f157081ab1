import EventLog
import Foundation
import GRDB

extension SQLiteStore: AnalysisResultStore {
    public func save(_ result: AnalysisResult, tenant: String) async throws {
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(result.logName, as: "log name")
        let parameters = try StoreJSON.encode(result.parameters)
        let provenance = try StoreJSON.encode(result.provenance)
        try await write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO analysis_results
                    (tenant, log_name, kind, parameters_key, parameters, log_fingerprint, provenance, payload, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [tenant, result.logName, result.kind.rawValue, result.parametersKey, parameters,
                                 result.logFingerprint, provenance, Data(result.payload), result.createdAtMicroseconds])
        }
    }

    public func result(logName: String, kind: AnalysisResult.Kind, parameters: [String: String], tenant: String) async throws -> AnalysisResult? {
        try await run { db in
            try Row.fetchOne(db, sql: "\(Self.resultColumns) WHERE tenant = ? AND log_name = ? AND kind = ? AND parameters_key = ?",
                             arguments: [tenant, logName, kind.rawValue, AnalysisResult.parametersKey(parameters)])
                .map(Self.analysisResult)
        }
    }

    public func results(logName: String, tenant: String) async throws -> [AnalysisResult] {
        try await run { db in
            try Row.fetchAll(db, sql: "\(Self.resultColumns) WHERE tenant = ? AND log_name = ? ORDER BY kind, parameters_key",
                             arguments: [tenant, logName]).map(Self.analysisResult)
        }
    }

    public func deleteResults(logName: String, tenant: String) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM analysis_results WHERE tenant = ? AND log_name = ?", arguments: [tenant, logName])
            return db.changesCount
        }
    }

    private static let resultColumns = """
        SELECT log_name, kind, parameters, log_fingerprint, provenance, payload, created_at FROM analysis_results
        """

    private static func analysisResult(_ row: Row) throws -> AnalysisResult {
        AnalysisResult(logName: row[0], kind: AnalysisResult.Kind(rawValue: row[1]),
                       parameters: try StoreJSON.decode([String: String].self, from: row[2], what: "analysis parameters"),
                       logFingerprint: row[3], provenance: try StoreJSON.decode(Provenance.self, from: row[4], what: "provenance"),
                       payload: Array(row[5] as Data), createdAtMicroseconds: row[6])
    }
}
