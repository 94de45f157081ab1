import Conformance
import Discovery
import EventLog
import Explain
import Foundation

/// Computes an analysis's results phase by phase, storing each as soon as it is ready (so `stats` can be read
/// while the model is still being discovered) and checking for cancellation between phases.
struct AnalysisComputation {
    let results: any AnalysisResultStore
    let tenant: String
    let logID: String
    let info: StoredLogInfo
    let options: AnalysisOptions
    /// The tenant's language model for the narratives (fact-checked, template on failure); nil: the template.
    let model: (any LanguageModel)?

    /// Each variant's alignment search stops after this many states or this long (an unfinished variant is
    /// counted in the conformance result, not failed).
    static let alignmentStateLimit = 1_000_000
    static let alignmentTimeLimit: Duration = .seconds(5)

    /// Runs every phase on `log` (already filtered by the options' filters); every result records `provenance`
    /// (the stored log's, with one step per filter). `progress` is told when each phase starts.
    func run(_ log: EventLog, provenance: Provenance, progress: @Sendable (AnalysisPhase) async throws -> Void) async throws {
        try await progress(.statistics)
        try await save(.stats, ReportJSON.encode(StatisticsSummary(LogStatistics(log))), provenance)
        try await progress(.dfg)
        try await save(.dfg, ReportJSON.encode(DirectlyFollowsSummary(log)), provenance)
        try await progress(.map)
        let mapSVG = log.eventCount > 0 ? ProcessMapSVGRenderer(xmlDeclaration: false).svg(for: ProcessMap(log: log, activityPercentage: 100, pathPercentage: 40)) : nil
        if let mapSVG { try await save(.map, Data(mapSVG.utf8), provenance) }
        try await progress(.discovery)
        let net = try await discover(log, provenance)
        try await progress(.conformance)
        switch options.conformance {
        case .tokenReplay:
            try await save(.conformance, JSONResponse.encoder.encode(ConformanceSummary(try TokenReplay().replay(log, on: net))), provenance)
        case .alignments:
            let aligner = Alignments(stateLimit: Self.alignmentStateLimit, timeLimit: Self.alignmentTimeLimit)
            try await save(.conformance, JSONResponse.encoder.encode(ConformanceSummary(try await aligner.align(log, on: net))), provenance)
        }
        try await progress(.explanation)
        try await explain(log, mapSVG: mapSVG, provenance, progress: progress)
    }

    /// Discovers the model with the chosen miner; stores the tree (tree miners), the net and BPMN; returns the net.
    private func discover(_ log: EventLog, _ provenance: Provenance) async throws -> PetriNet {
        let tree: ProcessTree
        switch options.miner {
        case .im: tree = try InductiveMiner().discover(from: log, progress: nil)
        case .imf: tree = try InductiveMiner(variant: .infrequent(noiseThreshold: options.noise)).discover(from: log, progress: nil)
        case .imd: tree = try InductiveMiner(variant: .directlyFollows).discover(from: DirectlyFollowsGraph(log), progress: nil)
        case .alpha, .heuristics:
            let net = options.miner == .alpha ? AlphaMiner().discover(from: log) : HeuristicsMiner().discover(from: log)
            try await save(.net, Data(PNMLWriter().string(for: net).utf8), provenance)
            return net
        }
        var document = ["tree": tree.pm4pyText, "miner": options.miner.rawValue]
        if options.miner == .imf { document["noise"] = String(options.noise) }
        try await save(.tree, JSONResponse.encoder.encode(document), provenance)
        try await save(.ptml, Data(PTMLWriter().string(for: tree).utf8), provenance)
        let net = tree.petriNet
        try await save(.net, Data(PNMLWriter().string(for: net).utf8), provenance)
        try await save(.bpmn, Data(BPMNWriter(processName: logID).string(for: tree).utf8), provenance)
        return net
    }

    /// The drivers and counterfactuals of the explain target, the narratives, facts and the HTML report (whose
    /// drivers are those of case duration).
    private func explain(_ log: EventLog, mapSVG: String?, _ provenance: Provenance,
                         progress: @Sendable (AnalysisPhase) async throws -> Void) async throws {
        let target: PredictionTarget
        switch options.explainTarget {
        case .duration: target = .duration
        case .waitingBefore(let activity): target = .waitingBefore(activity: activity)
        case .slaBreach: target = .slaBreach(seconds: options.slaSeconds ?? 0)
        }
        let drivers = try? DriverAnalysis(log: log, target: target)
        try Task.checkCancellation()
        var report = try HTMLReport(log: log, name: logID, slaSeconds: options.slaSeconds, processMapSVG: mapSVG,
                                    durationDrivers: target == .duration ? drivers : nil, progress: nil)
        if let model {
            let narrator = LLMNarrator(model: model, vocabulary: Set(log.activityNames + log.resourceNames))
            try await report.narrate(with: narrator)
        }
        if target == .duration {
            if let explanation = report.explanation { try await save(.drivers, JSONResponse.encoder.encode(explanation), provenance) }
        } else if let drivers {
            let explanation = ProcessExplanation(name: logID, drivers: drivers, bottlenecks: report.bottlenecks, topCases: 2)
            try await save(.drivers, JSONResponse.encoder.encode(explanation), provenance)
        }
        if let drivers, let counterfactuals = CounterfactualSet(drivers) {
            try await save(.counterfactuals, JSONResponse.encoder.encode(counterfactuals), provenance)
        }
        try await save(.narratives, JSONResponse.encoder.encode(report.narratives), provenance)
        try await save(.facts, JSONResponse.encoder.encode(report.facts), provenance)
        try await progress(.report)
        try await save(.report, Data(report.html().utf8), provenance)
    }

    private func save(_ kind: ResultKind, _ payload: Data, _ provenance: Provenance) async throws {
        try Task.checkCancellation()
        try await results.save(AnalysisResult(logName: logID, kind: kind.storeKind, parameters: options.parameters,
                                              logFingerprint: info.fingerprint, provenance: provenance, payload: Array(payload)),
                               tenant: tenant)
    }
}
