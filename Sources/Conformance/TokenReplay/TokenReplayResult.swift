/// The result of ``TokenReplay``: per variant the token counts and the log-level figures PM4Py reports.
public struct TokenReplayResult: Sendable, Codable, Hashable {
    /// The replay of one variant (every case of the variant replays identically).
    public struct VariantReplay: Sendable, Codable, Hashable {
        public var activities: [String]
        /// Indexes of the cases that follow this variant.
        public var cases: [Int]
        /// No missing tokens (and, when counted, no remaining tokens).
        public var isFit: Bool
        /// `0.5 × (1 − missing/consumed) + 0.5 × (1 − remaining/produced)`.
        public var fitness: Double
        public var missingTokens: Int
        public var consumedTokens: Int
        public var remainingTokens: Int
        public var producedTokens: Int
        /// Ids of the transitions fired, in order.
        public var firedTransitions: [String]
        /// Ids of the transitions that had to be given missing tokens.
        public var problemTransitions: [String]
        /// Events whose activity labels no transition (skipped by the replay, as PM4Py does).
        public var unknownEvents: Int
    }

    public var variants: [VariantReplay]
    public var caseCount: Int

    /// PM4Py's `log_fitness`: `0.5 × (1 − Σmissing/Σconsumed) + 0.5 × (1 − Σremaining/Σproduced)` over cases.
    public var logFitness: Double {
        var m = 0, c = 0, r = 0, p = 0
        for v in variants {
            let n = v.cases.count
            m += v.missingTokens * n
            c += v.consumedTokens * n
            r += v.remainingTokens * n
            p += v.producedTokens * n
        }
        guard c > 0 && p > 0 else { return 0 }
        return 0.5 * (1 - Double(m) / Double(c)) + 0.5 * (1 - Double(r) / Double(p))
    }

    /// The mean of the per-case fitness.
    public var averageTraceFitness: Double {
        guard caseCount > 0 else { return 0 }
        return variants.reduce(0.0) { $0 + $1.fitness * Double($1.cases.count) } / Double(caseCount)
    }

    /// The percentage (0–100) of cases that fit.
    public var percentFittingTraces: Double {
        guard caseCount > 0 else { return 0 }
        return 100.0 * Double(variants.filter(\.isFit).reduce(0) { $0 + $1.cases.count }) / Double(caseCount)
    }
}
