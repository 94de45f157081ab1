import Conformance
import Explain

extension DeviationReport {
    /// The report's deviations counted per case as Explain's ``CaseDeviations`` (labels `log move: X` and
    /// `model move: X`), with each case's trace fitness, for ``ProcessMiningExceptions``.
    public var caseDeviations: (counts: Explain.CaseDeviations, fitness: [String: Double]) {
        var counts: [String: [String: Int]] = [:]
        var fitness: [String: Double] = [:]
        for item in cases {
            let id = item.caseID ?? String(item.caseIndex)
            fitness[id] = item.fitness
            for deviation in item.deviations {
                let label = (deviation.kind == .logMove ? "log move: " : "model move: ") + deviation.activity
                counts[id, default: [:]][label, default: 0] += 1
            }
        }
        return (Explain.CaseDeviations(countsByCase: counts), fitness)
    }
}
