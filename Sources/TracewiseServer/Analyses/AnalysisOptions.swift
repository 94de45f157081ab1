/// What an analysis computes beyond the fixed results (statistics, DFG, variants, map): the IMf noise
/// threshold of the discovered model and an optional SLA (seconds of cycle time) for the narratives.
public struct AnalysisOptions: Codable, Sendable, Hashable {
    /// IMf's noise threshold, 0…1 (default 0.2, as the demo and `tracewise discover --miner imf` use).
    public var noise: Double
    /// A cycle-time threshold in seconds for SLA figures in the narratives and report.
    public var slaSeconds: Double?

    public init(noise: Double = 0.2, slaSeconds: Double? = nil) {
        self.noise = noise
        self.slaSeconds = slaSeconds
    }

    /// The result-store parameters: results computed with the same options are shared between analyses.
    var parameters: [String: String] {
        var parameters = ["noise": String(noise)]
        if let slaSeconds { parameters["slaSeconds"] = String(slaSeconds) }
        return parameters
    }
}
