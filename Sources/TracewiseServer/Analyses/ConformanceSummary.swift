import Conformance

/// The conformance result of an analysis: the fitness of the log on the discovered model (the fields of
/// `tracewise replay --format json`, or of `tracewise align` for alignments) and the variants that do not fit,
/// most frequent first — with token replay's missing/remaining tokens and problem transitions, or the
/// alignment's cost and deviating moves (`log: X` an event the model cannot mimic, `model: Y` a visible
/// transition fired without an event).
struct ConformanceSummary: Codable, Sendable {
    struct Deviation: Codable, Sendable {
        var activities: [String]
        var cases: Int
        var fitness: Double
        var missingTokens: Int?
        var remainingTokens: Int?
        var problemTransitions: [String]?
        var cost: Int?
        var moves: [String]?
    }

    /// `token-replay` or `alignments`.
    var method: String
    var logFitness: Double
    var averageTraceFitness: Double
    var percentFittingTraces: Double
    /// Alignments only: variants whose bounded search ended without an optimal alignment (left out of the figures).
    var unfinishedVariants: Int?
    var deviatingVariants: [Deviation]

    init(_ result: TokenReplayResult, limit: Int = 50) {
        method = AnalysisOptions.ConformanceCheck.tokenReplay.rawValue
        logFitness = result.logFitness
        averageTraceFitness = result.averageTraceFitness
        percentFittingTraces = result.percentFittingTraces
        deviatingVariants = result.variants.filter { !$0.isFit }.sorted { $0.cases.count > $1.cases.count }.prefix(limit).map {
            Deviation(activities: $0.activities, cases: $0.cases.count, fitness: $0.fitness, missingTokens: $0.missingTokens,
                      remainingTokens: $0.remainingTokens, problemTransitions: $0.problemTransitions)
        }
    }

    init(_ result: AlignmentResult, limit: Int = 50) {
        method = AnalysisOptions.ConformanceCheck.alignments.rawValue
        logFitness = result.logFitness
        averageTraceFitness = result.averageTraceFitness
        percentFittingTraces = result.percentFittingTraces
        unfinishedVariants = result.unfinishedVariants.count
        deviatingVariants = result.variants.compactMap { variant -> (Int, Deviation)? in
            guard let alignment = variant.alignment, alignment.fitness < 1 else { return nil }
            let moves = alignment.moves.filter(\.isDeviation).map { move in
                move.kind == .log ? "log: " + (move.activity ?? "") : "model: " + (move.label ?? "")
            }
            return (variant.count, Deviation(activities: variant.activities, cases: variant.count, fitness: alignment.fitness,
                                             cost: alignment.cost, moves: moves))
        }.sorted { $0.0 > $1.0 }.prefix(limit).map(\.1)
    }
}
