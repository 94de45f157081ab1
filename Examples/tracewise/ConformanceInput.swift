import ArgumentParser
import Discovery
import EventLog
import Foundation

/// The `LOG MODEL.pnml` pair the conformance subcommands take.
struct ConformanceInput: ParsableArguments {
    @Argument(help: "The event log (.xes, .xes.gz, .csv, .csv.gz).")
    var log: String

    @Argument(help: "The Petri net with initial and final marking (.pnml).")
    var model: String

    @Option(help: "Output format: json or text.")
    var format: OutputFormat = .text

    func load() throws -> (EventLog, PetriNet) {
        let eventLog = try LogInput.load(log)
        let net = try PetriNet(pnmlContentsOf: URL(fileURLWithPath: model))
        return (eventLog, net)
    }
}
