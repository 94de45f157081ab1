import EventLog
import Foundation

/// The answers given to `POST /exceptions/{tenantId}` requests that carried an `Idempotency-Key`, persisted in
/// the result store (kind `idempotency`, under the reserved log name `~idempotency`, which no log id can take),
/// so a replay is recognised by any process sharing the stores, and after a restart.
struct IdempotencyRecords: Sendable {
    private struct Record: Codable {
        var bodyHash: String
        var response: [UInt8]
    }

    private static let logName = "~idempotency"
    private static let kind = AnalysisResult.Kind(rawValue: "idempotency")

    let results: any AnalysisResultStore

    /// The stored response for `key` when it was sent with the same body (`bodyHash`) before; nil when the key
    /// is new.
    /// - Throws: ``ServerError`` 422 `idempotency-key-reused` when the key was used with another body.
    func replay(tenant: String, key: String, bodyHash: String) async throws -> [UInt8]? {
        guard let stored = try await results.result(logName: Self.logName, kind: Self.kind, parameters: ["key": key], tenant: tenant) else {
            return nil
        }
        let record = try JSONDecoder().decode(Record.self, from: Data(stored.payload))
        guard record.bodyHash == bodyHash else {
            throw ServerError(.unprocessableContent, code: "idempotency-key-reused", "the Idempotency-Key was used with a different body")
        }
        return record.response
    }

    func remember(tenant: String, key: String, bodyHash: String, response: [UInt8]) async throws {
        let payload = try JSONEncoder().encode(Record(bodyHash: bodyHash, response: response))
        try await results.save(AnalysisResult(logName: Self.logName, kind: Self.kind, parameters: ["key": key], logFingerprint: bodyHash,
                                              provenance: Provenance(), payload: Array(payload)), tenant: tenant)
    }
}
