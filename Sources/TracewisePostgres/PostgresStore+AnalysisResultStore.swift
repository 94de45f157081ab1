import EventLog
import Foundation
import PostgresNIO

extension PostgresStore: AnalysisResultStore {
    public func save(_ result: AnalysisResult, tenant: String) async throws {
        try StoreError.validate(result.logName, as: "log name")
        let parameters = ByteBuffer(data: try StoreJSON.encode(result.parameters))
        let provenance = ByteBuffer(data: try StoreJSON.encode(result.provenance))
        let payload = ByteBuffer(bytes: result.payload)
        let logger = self.logger
        try await tenantTransaction(tenant) { connection in
            _ = try await connection.query("""
                INSERT INTO analysis_results
                    (tenant, log_name, kind, parameters_key, parameters, log_fingerprint, provenance, payload, created_at)
                VALUES (\(tenant), \(result.logName), \(result.kind.rawValue), \(result.parametersKey), \(parameters),
                        \(result.logFingerprint), \(provenance), \(payload), \(result.createdAtMicroseconds))
                ON CONFLICT (tenant, log_name, kind, parameters_key) DO UPDATE SET
                    parameters = EXCLUDED.parameters, log_fingerprint = EXCLUDED.log_fingerprint,
                    provenance = EXCLUDED.provenance, payload = EXCLUDED.payload, created_at = EXCLUDED.created_at
                """, logger: logger)
        }
    }

    public func result(logName: String, kind: AnalysisResult.Kind, parameters: [String: String], tenant: String) async throws -> AnalysisResult? {
        let key = AnalysisResult.parametersKey(parameters)
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            try await Self.analysisResults(try await connection.query("""
                SELECT log_name, kind, parameters, log_fingerprint, provenance, payload, created_at FROM analysis_results
                WHERE tenant = \(tenant) AND log_name = \(logName) AND kind = \(kind.rawValue) AND parameters_key = \(key)
                """, logger: logger)).first
        }
    }

    public func results(logName: String, tenant: String) async throws -> [AnalysisResult] {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            try await Self.analysisResults(try await connection.query("""
                SELECT log_name, kind, parameters, log_fingerprint, provenance, payload, created_at FROM analysis_results
                WHERE tenant = \(tenant) AND log_name = \(logName) ORDER BY kind COLLATE "C", parameters_key COLLATE "C"
                """, logger: logger))
        }
    }

    public func deleteResults(logName: String, tenant: String) async throws -> Int {
        let logger = self.logger
        return try await tenantTransaction(tenant) { connection in
            var count = 0
            for try await _ in try await connection.query("""
                DELETE FROM analysis_results WHERE tenant = \(tenant) AND log_name = \(logName) RETURNING 1
                """, logger: logger) {
                count += 1
            }
            return count
        }
    }

    private static func analysisResults(_ rows: PostgresRowSequence) async throws -> [AnalysisResult] {
        var results: [AnalysisResult] = []
        for try await (logName, kind, parameters, fingerprint, provenance, payload, createdAt) in rows.decode(
            (String, String, ByteBuffer, String, ByteBuffer, ByteBuffer, Int64).self) {
            results.append(AnalysisResult(
                logName: logName, kind: AnalysisResult.Kind(rawValue: kind),
                parameters: try StoreJSON.decode([String: String].self, from: Data(parameters.readableBytesView), what: "analysis parameters"),
                logFingerprint: fingerprint,
                provenance: try StoreJSON.decode(Provenance.self, from: Data(provenance.readableBytesView), what: "provenance"),
                payload: payload.bytes, createdAtMicroseconds: createdAt))
        }
        return results
    }
}
