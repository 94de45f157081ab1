extension DeviationReport {
    /// Per case (its identifier, else its index as text): how often each deviation occurred, labelled
    /// `log move: X` or `model move: X` (``Deviation/label``). Explain's `CaseDeviations(countsByCase:)`
    /// takes this as case features; Agents' `ProcessMiningExceptions` turns it into exceptions. Cases without
    /// deviations are absent.
    ///
    /// ```swift
    /// let report = DeviationReport(try await Alignments().align(log, on: net), log: log)
    /// let features = CaseDeviations(countsByCase: report.deviationCountsByCase)   // import Explain
    /// ```
    public var deviationCountsByCase: [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for item in cases {
            let id = item.caseID ?? String(item.caseIndex)
            for deviation in item.deviations { counts[id, default: [:]][deviation.label, default: 0] += 1 }
        }
        return counts
    }

    /// Per case of the report (keyed as ``deviationCountsByCase``): its trace fitness.
    public var fitnessByCase: [String: Double] {
        var fitness: [String: Double] = [:]
        for item in cases { fitness[item.caseID ?? String(item.caseIndex)] = item.fitness }
        return fitness
    }
}

extension DeviationReport.Deviation {
    /// `log move: X` or `model move: X`: ``Kind/labelPrefix`` and the activity.
    public var label: String { kind.labelPrefix + activity }
}

extension DeviationReport.Deviation.Kind {
    /// `log move: ` or `model move: `, how case-level deviation labels start.
    public var labelPrefix: String {
        switch self {
        case .logMove: "log move: "
        case .modelMove: "model move: "
        }
    }
}
