/// Keeps analysis results per tenant, keyed by (log name, kind, parameters), so a service computes a DFG or
/// a model once and serves it until the log changes (compare ``AnalysisResult/logFingerprint`` with the
/// stored log's).
///
/// Results are derived data: saving under an existing key replaces the earlier result. Every call names the
/// tenant and a store never shows one tenant another's results. ``InMemoryAnalysisResultStore`` ships here;
/// `TracewiseSQLite` and `TracewisePostgres` provide durable ones. Hosts may conform their own.
///
/// ```swift
/// try await results.save(AnalysisResult(logName: "claims", kind: .directlyFollowsGraph,
///                                       logFingerprint: info.fingerprint, provenance: info.provenance,
///                                       payload: json), tenant: "acme")
/// ```
public protocol AnalysisResultStore: Sendable {
    /// Stores `result`, replacing any result with the same log name, kind and parameters.
    func save(_ result: AnalysisResult, tenant: String) async throws
    /// The result with this key, or nil.
    func result(logName: String, kind: AnalysisResult.Kind, parameters: [String: String], tenant: String) async throws -> AnalysisResult?
    /// Every result of one log, sorted by kind then parameters key.
    func results(logName: String, tenant: String) async throws -> [AnalysisResult]
    /// Deletes every result of one log; returns how many there were.
    @discardableResult
    func deleteResults(logName: String, tenant: String) async throws -> Int
}
