/// What an analysis computes beyond the fixed results (statistics, DFG, variants, map): the IMf noise
/// threshold of the discovered model, an optional SLA (seconds of cycle time) for the narratives, and the
/// domain whose active tenant policy selects the narratives' language model.
public struct AnalysisOptions: Codable, Sendable, Hashable {
    /// IMf's noise threshold, 0…1 (default 0.2, as the demo and `tracewise discover --miner imf` use).
    public var noise: Double
    /// A cycle-time threshold in seconds for SLA figures in the narratives and report.
    public var slaSeconds: Double?
    /// The pack domain whose active tenant policy (`model`) writes the narratives; nil: the first active
    /// domain, in name order, whose policy selects a model (none: the offline template narratives).
    public var domain: String?

    public init(noise: Double = 0.2, slaSeconds: Double? = nil, domain: String? = nil) {
        self.noise = noise
        self.slaSeconds = slaSeconds
        self.domain = domain
    }

    /// The result-store parameters: results computed with the same options are shared between analyses.
    var parameters: [String: String] {
        var parameters = ["noise": String(noise)]
        if let slaSeconds { parameters["slaSeconds"] = String(slaSeconds) }
        if let domain { parameters["domain"] = domain }
        return parameters
    }
}
