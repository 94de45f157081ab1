import ArgumentParser
import Discovery
import EventLog
import Foundation

/// The `LOG MODEL.pnml` pair the conformance subcommands take.
struct ConformanceInput: ParsableArguments {
    @OptionGroup var log: LogOptions

    @Argument(help: "The Petri net with initial and final marking (.pnml).")
    var model: String

    func load() throws -> (EventLog, PetriNet) {
        let eventLog = try log.load()
        let net = try PNMLReader().read(contentsOf: URL(fileURLWithPath: model)).net
        return (eventLog, net)
    }
}
