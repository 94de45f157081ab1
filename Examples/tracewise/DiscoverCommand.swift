import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `tracewise discover LOG --miner im|imf|imd [--noise 0.2] [--pnml OUT] [--ptml OUT]`: discovers a process
/// tree, prints it in PM4Py's syntax and optionally writes it as PTML and as a Petri net (PNML).
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Discover a process model from a log; tree miners print the tree in PM4Py's syntax.")

    enum Miner: String, ExpressibleByArgument, CaseIterable {
        case im, imf, imd
    }

    @Argument(help: "The log file (.xes, .xes.gz, .csv, .csv.gz).")
    var log: String

    @Option(help: "The miner: im (exact), imf (infrequent), imd (directly-follows based).")
    var miner: Miner = .im

    @Option(help: "IMf's noise threshold in [0, 1].")
    var noise: Double = 0.2

    @Option(help: "Attribute keys defining activities (space- or comma-separated), or a declared classifier's name.")
    var classifier: String?

    @Option(help: "Write the model as a Petri net in PNML to this file.")
    var pnml: String?

    @Option(help: "Write the process tree as PTML to this file.")
    var ptml: String?

    func validate() throws {
        guard (0...1).contains(noise) else { throw ValidationError("--noise must be between 0 and 1") }
    }

    func run() throws {
        let eventLog = try LogInput.load(log, classifierKeys: classifier)
        let tree: ProcessTree
        switch miner {
        case .im: tree = InductiveMiner().discover(from: eventLog)
        case .imf: tree = InductiveMiner(variant: .infrequent(noiseThreshold: noise)).discover(from: eventLog)
        case .imd: tree = InductiveMiner(variant: .directlyFollows).discover(from: DirectlyFollowsGraph(eventLog))
        }
        print(tree.pm4pyText)
        if let ptml { try tree.writePTML(to: URL(fileURLWithPath: ptml)) }
        if let pnml { try PNMLWriter().write(tree.petriNet, to: URL(fileURLWithPath: pnml)) }
    }
}
