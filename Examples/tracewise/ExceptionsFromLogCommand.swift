import Agents
import ArgumentParser
import Conformance
import Discovery
import EventLog
import Explain
import Foundation

/// `tracewise exceptions from-log`: the closed loop from process mining to governed action.
struct ExceptionsFromLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "from-log",
        abstract: "Find SLA breaches, rework, deviations and bottleneck cases in a log and run them through the pipeline.",
        discussion: "Deviations need a model: --model NET.pnml aligns the log against it. Bottleneck cases come from a gradient-boosted model of case duration explained with TreeSHAP."
    )

    @OptionGroup var input: LogOptions

    @OptionGroup var packs: PackOptions

    @Option(help: "A Petri net (PNML) to align the log against for deviations.")
    var model: String?

    @Option(name: .customLong("sla-hours"), help: "The case-duration SLA in hours (default: the 90th percentile).")
    var slaHours: Double?

    @Option(name: .customLong("sod"), help: "Activity pairs one resource must not both do, as 'A|B' (repeatable).")
    var segregatedPairs: [ActivityPair] = []

    @Option(name: .customLong("process-name"), help: "The process name exceptions carry (default: the log file name).")
    var processName: String?

    @Option(name: .customLong("max-per-type"), help: "At most this many exceptions of each type.")
    var maximumPerType = 25

    @Option(name: .customLong("audit-dir"), help: "Directory for the audit file <run-id>.jsonl.")
    var auditDir: String = "audit"

    @Option(name: .customLong("run-id"), help: "The run id (default: closed-loop-<UTC time>).")
    var runID: String?

    @Flag(name: .customLong("no-explain"), help: "Skip the duration model and its BOTTLENECK_CASE exceptions.")
    var noExplain = false

    @OptionGroup var output: FormatOptions

    func run() async throws {
        let bundle = try packs.bundle()
        let eventLog = try input.load()
        let pairs = segregatedPairs.map { ProcessMiningExceptions.SegregatedPair(first: $0.first, second: $0.second) }
        let name = processName ?? input.fileName.components(separatedBy: ".").first ?? "process"
        let options = ProcessMiningExceptions.Options(slaSeconds: slaHours.map { $0 * 3_600 }, segregatedPairs: pairs,
                                                      maximumPerType: maximumPerType, processName: name,
                                                      mapping: ProcessMiningExceptions.Mapping(domain: bundle.domain))
        var deviations: DeviationReport?
        if let model {
            let net = try PNMLReader().read(contentsOf: URL(fileURLWithPath: model)).net
            deviations = DeviationReport(try await Alignments().align(eventLog, on: net), log: eventLog)
        }
        let explanation = noExplain ? nil : try ProcessExplanation(log: eventLog, name: name, target: .duration,
                                                                    topCases: maximumPerType)
        let raw = ProcessMiningExceptions(options: options).exceptions(
            from: eventLog, deviations: deviations.map { CaseDeviations(countsByCase: $0.deviationCountsByCase) },
            fitness: deviations?.fitnessByCase ?? [:], explanation: explanation)
        let id = runID ?? "closed-loop-" + String(Int(Date().timeIntervalSince1970))
        let audit = try JSONLAuditSink(fileURL: URL(fileURLWithPath: auditDir).appendingPathComponent("\(id).jsonl"))
        let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant, audit: audit)
        let result = await pipeline.run(raw, runID: id)
        try await audit.sync()
        try ExceptionReport.print(result, format: output.format)
    }
}

/// A `--sod 'A|B'` value: two activity names, neither empty.
struct ActivityPair: ExpressibleByArgument {
    var first: String
    var second: String

    init?(argument: String) {
        let parts = argument.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        first = parts[0]
        second = parts[1]
    }
}
