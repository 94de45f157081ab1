/// The phases of an analysis in order, with the share of the job done when each finishes.
enum AnalysisPhase: String, CaseIterable {
    case loading, statistics, dfg, map, discovery, conformance, explanation, report

    var fractionWhenDone: Double {
        switch self {
        case .loading: 0.1
        case .statistics: 0.2
        case .dfg: 0.3
        case .map: 0.4
        case .discovery: 0.55
        case .conformance: 0.7
        case .explanation: 0.9
        case .report: 1.0
        }
    }
}
