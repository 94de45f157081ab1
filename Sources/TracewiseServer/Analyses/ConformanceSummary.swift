import Conformance

/// The conformance result of an analysis: token-replay fitness of the log on the discovered model (the fields
/// of `tracewise replay --format json`) and the variants that do not fit, most frequent first.
struct ConformanceSummary: Codable, Sendable {
    struct Deviation: Codable, Sendable {
        var activities: [String]
        var cases: Int
        var fitness: Double
        var missingTokens: Int
        var remainingTokens: Int
        var problemTransitions: [String]
    }

    var logFitness: Double
    var averageTraceFitness: Double
    var percentFittingTraces: Double
    var deviatingVariants: [Deviation]

    init(_ result: TokenReplayResult, limit: Int = 50) {
        logFitness = result.logFitness
        averageTraceFitness = result.averageTraceFitness
        percentFittingTraces = result.percentFittingTraces
        deviatingVariants = result.variants.filter { !$0.isFit }.sorted { $0.cases.count > $1.cases.count }.prefix(limit).map {
            Deviation(activities: $0.activities, cases: $0.cases.count, fitness: $0.fitness, missingTokens: $0.missingTokens,
                      remainingTokens: $0.remainingTokens, problemTransitions: $0.problemTransitions)
        }
    }
}
