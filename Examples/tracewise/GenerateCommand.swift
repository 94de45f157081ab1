import ArgumentParser
import EventLog
import Foundation

/// `tracewise generate --events N --seed S OUT`: a deterministic synthetic order-to-cash log
/// (see `SyntheticLog`), written as XES or CSV by OUT's extension.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a deterministic synthetic order-to-cash log with one known bottleneck.")

    @Option(help: "The number of events to reach (the last case is completed, so a few more may be written).")
    var events: Int

    @Option(help: "The random seed; the same seed gives the same log.")
    var seed: UInt64 = 42

    @Argument(help: "The output file (.xes, .xes.gz, .csv, .csv.gz).")
    var output: String

    @Flag(help: "Print one JSON line on stderr at the end: {\"timings\":{\"import\":s,\"compute\":s,\"output\":s}}.")
    var timings = false

    func validate() throws {
        guard events > 0 else { throw ValidationError("--events must be positive") }
        guard LogFileFormat(url: URL(fileURLWithPath: output)) != nil else {
            throw ValidationError("OUT must end in .xes, .xes.gz, .csv or .csv.gz")
        }
    }

    func run() throws {
        if timings { PhaseTimings.shared.request() }
        let log = try SyntheticLog.generate(events: events, seed: seed, progress: ProgressDisplay.shared.handler)
        try OutputFile.replace(output) { try log.write(to: $0) }
        print("wrote \(log.caseCount) cases, \(log.eventCount) events to \(output)")
        print("injected bottleneck: \(SyntheticLog.Scenario.bottleneck.description)")
    }
}
