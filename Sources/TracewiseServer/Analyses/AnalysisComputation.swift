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

    /// Runs every phase after loading; `progress` is told when each phase starts.
    func run(_ log: EventLog, progress: @Sendable (AnalysisPhase) async throws -> Void) async throws {
        try await progress(.statistics)
        try await save(.stats, ReportJSON.encode(StatisticsSummary(LogStatistics(log))))
        try await progress(.dfg)
        try await save(.dfg, ReportJSON.encode(DirectlyFollowsSummary(log)))
        try await progress(.map)
        let mapSVG = log.eventCount > 0 ? ProcessMapSVGRenderer(xmlDeclaration: false).svg(for: ProcessMap(log: log, activityPercentage: 100, pathPercentage: 40)) : nil
        if let mapSVG { try await save(.map, Data(mapSVG.utf8)) }
        try await progress(.discovery)
        let tree = InductiveMiner(variant: .infrequent(noiseThreshold: options.noise)).discover(from: log)
        try await save(.tree, JSONResponse.encoder.encode(["tree": tree.pm4pyText, "miner": "imf", "noise": String(options.noise)]))
        try await save(.ptml, Data(PTMLWriter().string(for: tree).utf8))
        let net = tree.petriNet
        try await save(.net, Data(PNMLWriter().string(for: net).utf8))
        try await save(.bpmn, Data(BPMNWriter(processName: logID).string(for: tree).utf8))
        try await progress(.conformance)
        try await save(.conformance, JSONResponse.encoder.encode(ConformanceSummary(try TokenReplay().replay(log, on: net))))
        try await progress(.explanation)
        var report = HTMLReport(log: log, name: logID, slaSeconds: options.slaSeconds, processMapSVG: mapSVG)
        if let model {
            let narrator = LLMNarrator(model: model, vocabulary: Set(log.activityNames + log.resourceNames))
            var narratives: [Narrative] = []
            for role in NarrativeRole.allCases { narratives.append(try await narrator.narrate(report.facts, for: role)) }
            report.narratives = narratives
        }
        if let explanation = report.explanation { try await save(.drivers, JSONResponse.encoder.encode(explanation)) }
        try await save(.narratives, JSONResponse.encoder.encode(report.narratives))
        try await save(.facts, JSONResponse.encoder.encode(report.facts))
        try await progress(.report)
        try await save(.report, Data(report.html().utf8))
    }

    private func save(_ kind: ResultKind, _ payload: Data) async throws {
        try Task.checkCancellation()
        try await results.save(AnalysisResult(logName: logID, kind: kind.storeKind, parameters: options.parameters,
                                              logFingerprint: info.fingerprint, provenance: info.provenance, payload: Array(payload)),
                               tenant: tenant)
    }
}
