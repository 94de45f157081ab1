import EventLog

/// The results an analysis stores, how the API names them and the media type each is served as.
enum ResultKind: String, CaseIterable, Sendable {
    case stats, dfg, map, tree, ptml, net, bpmn, conformance, drivers, counterfactuals, narratives, facts, report

    var storeKind: AnalysisResult.Kind {
        switch self {
        case .stats: .statistics
        case .dfg: .directlyFollowsGraph
        case .tree: .processTree
        case .net: .petriNet
        case .conformance: .conformance
        case .drivers: .explanation
        case .narratives: .narrative
        case .map, .ptml, .bpmn, .counterfactuals, .facts, .report: AnalysisResult.Kind(rawValue: rawValue)
        }
    }

    var contentType: String {
        switch self {
        case .map: "image/svg+xml"
        case .ptml, .net, .bpmn: "application/xml"
        case .report: "text/html; charset=utf-8"
        default: "application/json"
        }
    }

    /// The stored status document of an analysis job.
    static let statusKind = AnalysisResult.Kind(rawValue: "analysisStatus")
}
