/// What an analysis computes beyond the fixed results (statistics, DFG, variants, map): the miner of the
/// discovered model and IMf's noise threshold, the conformance check, the target the drivers and counterfactuals
/// explain, an optional SLA (seconds of cycle time) for the narratives, and the domain whose active tenant policy
/// selects the narratives' language model.
///
/// ```json
/// {"logId":"log-1f2e","miner":"heuristics","conformance":"alignments","explainTarget":"waiting:Ship Goods"}
/// ```
public struct AnalysisOptions: Codable, Sendable, Hashable {
    /// The discovery algorithm, named as `tracewise discover --miner` names it.
    public enum Miner: String, Codable, Sendable, Hashable, CaseIterable {
        /// Inductive miner (exact), infrequent (with ``AnalysisOptions/noise``), directly-follows based.
        case im, imf, imd
        /// Net miners: their results have no process tree (no `tree`, `tree.ptml` or `model.bpmn`).
        case alpha, heuristics

        public var isTreeMiner: Bool { self == .im || self == .imf || self == .imd }
    }

    /// How the log is checked against the discovered net.
    public enum ConformanceCheck: String, Codable, Sendable, Hashable, CaseIterable {
        /// Token-based replay (PM4Py's semantics): fitness and the problem transitions of each deviating variant.
        case tokenReplay = "token-replay"
        /// Optimal alignments per variant (standard costs): fitness and the log/model moves of each deviating
        /// variant. Each variant's search is bounded (see `ConformanceSummary`).
        case alignments
    }

    /// What the drivers (SHAP) and counterfactuals explain, written as `tracewise explain --target` writes it:
    /// `duration`, `waiting:ACTIVITY` or `sla` (breach of ``AnalysisOptions/slaSeconds``).
    public enum ExplainTarget: Codable, Sendable, Hashable {
        case duration
        case waitingBefore(activity: String)
        case slaBreach

        /// Parses `duration`, `waiting:ACTIVITY` or `sla`; nil for anything else.
        public init?(text: String) {
            if text == "duration" {
                self = .duration
            } else if text == "sla" {
                self = .slaBreach
            } else if text.hasPrefix("waiting:"), text.count > 8 {
                self = .waitingBefore(activity: String(text.dropFirst(8)))
            } else {
                return nil
            }
        }

        public var text: String {
            switch self {
            case .duration: "duration"
            case .waitingBefore(let activity): "waiting:" + activity
            case .slaBreach: "sla"
            }
        }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let target = ExplainTarget(text: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "explainTarget must be duration, waiting:ACTIVITY or sla"))
            }
            self = target
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    /// The discovery algorithm (default `imf`, as the demo and `tracewise discover --miner imf` use).
    public var miner: Miner
    /// IMf's noise threshold, 0…1 (default 0.2); recorded for every miner, used by `imf` only.
    public var noise: Double
    /// The conformance check (default token replay).
    public var conformance: ConformanceCheck
    /// The target of the drivers and counterfactuals (default case duration); the report's drivers stay those of
    /// case duration, the figure its narratives talk about.
    public var explainTarget: ExplainTarget
    /// A cycle-time threshold in seconds for SLA figures in the narratives and report (needed by `sla`).
    public var slaSeconds: Double?
    /// The pack domain whose active tenant policy (`model`) writes the narratives; nil: the first active
    /// domain, in name order, whose policy selects a model (none: the offline template narratives).
    public var domain: String?
    /// The cases and events analysed: nil analyses the whole log.
    public var filters: AnalysisFilters?

    public init(miner: Miner = .imf, noise: Double = 0.2, conformance: ConformanceCheck = .tokenReplay,
                explainTarget: ExplainTarget = .duration, slaSeconds: Double? = nil, domain: String? = nil,
                filters: AnalysisFilters? = nil) {
        self.miner = miner
        self.noise = noise
        self.conformance = conformance
        self.explainTarget = explainTarget
        self.slaSeconds = slaSeconds
        self.domain = domain
        self.filters = filters
    }

    /// Reads stored options, including those written before an option existed (its default).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        miner = try container.decodeIfPresent(Miner.self, forKey: .miner) ?? .imf
        noise = try container.decodeIfPresent(Double.self, forKey: .noise) ?? 0.2
        conformance = try container.decodeIfPresent(ConformanceCheck.self, forKey: .conformance) ?? .tokenReplay
        explainTarget = try container.decodeIfPresent(ExplainTarget.self, forKey: .explainTarget) ?? .duration
        slaSeconds = try container.decodeIfPresent(Double.self, forKey: .slaSeconds)
        domain = try container.decodeIfPresent(String.self, forKey: .domain)
        filters = try container.decodeIfPresent(AnalysisFilters.self, forKey: .filters)
    }

    private enum CodingKeys: String, CodingKey {
        case miner, noise, conformance, explainTarget, slaSeconds, domain, filters
    }

    /// The result-store parameters: results computed with the same options are shared between analyses. Options
    /// at their default are left out, so results stored before the option existed are still found.
    var parameters: [String: String] {
        var parameters = ["noise": String(noise)]
        if miner != .imf { parameters["miner"] = miner.rawValue }
        if conformance != .tokenReplay { parameters["conformance"] = conformance.rawValue }
        if explainTarget != .duration { parameters["explainTarget"] = explainTarget.text }
        if let slaSeconds { parameters["slaSeconds"] = String(slaSeconds) }
        if let domain { parameters["domain"] = domain }
        if let filters, !filters.isEmpty { parameters["filters"] = filters.key }
        return parameters
    }
}
