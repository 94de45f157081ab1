/// Where an analysis job stands: `GET /tenants/{t}/analyses/{id}` returns it.
///
/// ```json
/// {"id":"log-1f2e.a93c","logId":"log-1f2e","logName":"orders.xes.gz","status":"running",
///  "progress":{"phase":"discovery","fraction":0.5}}
/// ```
public struct AnalysisStatus: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable, Hashable {
        case queued, running, succeeded, failed, cancelled

        /// Whether the job will not change any more.
        public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }
    }

    /// The phase being computed and the share of the whole job done, 0…1.
    public struct Progress: Codable, Sendable, Hashable {
        public var phase: String
        public var fraction: Double
    }

    public var id: String
    public var logID: String
    /// The uploaded log's name (`orders.xes.gz`), what people recognise it by; nil in statuses stored before it was recorded.
    public var logName: String?
    public var status: State
    public var progress: Progress
    public var options: AnalysisOptions
    /// Why the job failed, when it did.
    public var error: String?
    /// The result kinds available so far (`stats`, `dfg`, …).
    public var results: [String]

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case id, logID = "logId", logName, status, progress, options, error, results
    }
}
