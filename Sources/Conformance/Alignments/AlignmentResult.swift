/// The alignments of a log: one entry per variant (most frequent first) and PM4Py's log-level figures.
public struct AlignmentResult: Sendable, Codable, Hashable {
    public var variants: [VariantAlignment]
    public var caseCount: Int
    /// The cost of the cheapest run of the net from its initial to its final marking (aligning the empty trace).
    public var cheapestModelRunCost: Int
    public var costs: AlignmentCosts

    private var optimal: [(count: Int, alignment: Alignment)] {
        variants.compactMap { v in v.alignment.map { (v.count, $0) } }
    }

    /// PM4Py's `log_fitness`: `1 − Σ cost / Σ best-worst cost` over the aligned cases.
    public var logFitness: Double {
        var cost = 0.0, bestWorst = 0.0
        for (count, alignment) in optimal {
            cost += Double(alignment.cost * count)
            bestWorst += Double(alignment.bestWorstCost * count)
        }
        return bestWorst > 0 ? 1 - cost / bestWorst : 0
    }

    /// PM4Py's `average_trace_fitness` over the aligned cases.
    public var averageTraceFitness: Double {
        let aligned = optimal
        let cases = aligned.reduce(0) { $0 + $1.count }
        guard cases > 0 else { return 0 }
        return aligned.reduce(0.0) { $0 + $1.alignment.fitness * Double($1.count) } / Double(cases)
    }

    /// PM4Py's `percentage_of_fitting_traces` (fitness 1) over the aligned cases, 0–100.
    public var percentFittingTraces: Double {
        let aligned = optimal
        let cases = aligned.reduce(0) { $0 + $1.count }
        guard cases > 0 else { return 0 }
        return 100 * Double(aligned.filter { $0.alignment.fitness == 1 }.reduce(0) { $0 + $1.count }) / Double(cases)
    }

    /// Variants whose search ended without an optimal alignment.
    public var unfinishedVariants: [VariantAlignment] { variants.filter { $0.status != .optimal } }
}
