import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `tracewise discover LOG --miner im|imf|imd|alpha|heuristics [--noise 0.2] [--pnml OUT] [--ptml OUT]
/// [--svg OUT] [--dot OUT] [--bpmn OUT]`: discovers a model; tree miners print the tree in PM4Py's syntax, net
/// miners the net's size. `--pnml`, `--svg` and `--dot` write the Petri net (a tree's equivalent workflow net),
/// `--ptml` and `--bpmn` (BPMN 2.0 XML) the tree.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Discover a process model from a log; tree miners print the tree in PM4Py's syntax.")

    enum Miner: String, ExpressibleByArgument, CaseIterable {
        case im, imf, imd, alpha, heuristics

        var isTreeMiner: Bool { self == .im || self == .imf || self == .imd }
    }

    @OptionGroup var input: LogOptions

    @Option(help: "The miner: im (exact), imf (infrequent), imd (directly-follows based), alpha, heuristics.")
    var miner: Miner = .im

    @Option(help: "IMf's noise threshold in [0, 1].")
    var noise: Double = 0.2

    @Option(help: "Write the model as a Petri net in PNML to this file.")
    var pnml: String?

    @Option(help: "Write the process tree as PTML to this file (tree miners only).")
    var ptml: String?

    @Option(help: "Write the process tree as BPMN 2.0 XML to this file (tree miners only).")
    var bpmn: String?

    @Option(help: "Write the model as a Petri net in SVG to this file.")
    var svg: String?

    @Option(help: "Write the model as a Petri net in Graphviz DOT to this file.")
    var dot: String?

    func validate() throws {
        guard (0...1).contains(noise) else { throw ValidationError("--noise must be between 0 and 1") }
        if ptml != nil && !miner.isTreeMiner { throw ValidationError("--ptml needs a tree miner (im, imf or imd)") }
        if bpmn != nil && !miner.isTreeMiner { throw ValidationError("--bpmn needs a tree miner (im, imf or imd)") }
    }

    func run() throws {
        let eventLog = try input.load()
        let writers = NetWriters(pnml: pnml, svg: svg, dot: dot)
        let progress = ProgressDisplay.shared.handler
        let tree: ProcessTree
        switch miner {
        case .im: tree = try InductiveMiner().discover(from: eventLog, progress: progress)
        case .imf: tree = try InductiveMiner(variant: .infrequent(noiseThreshold: noise)).discover(from: eventLog, progress: progress)
        case .imd: tree = try InductiveMiner(variant: .directlyFollows).discover(from: DirectlyFollowsGraph(eventLog), progress: progress)
        case .alpha, .heuristics:
            let net = miner == .alpha ? try AlphaMiner().discover(from: eventLog, progress: progress)
                : HeuristicsMiner().discover(from: eventLog)
            try writers.write(net)
            let silent = net.transitions.filter(\.isSilent).count
            print("places: \(net.places.count), transitions: \(net.transitions.count) (\(silent) silent), arcs: \(net.arcs.count)")
            return
        }
        print(tree.pm4pyText)
        if let ptml { try OutputFile.replace(ptml) { try PTMLWriter().write(tree, to: $0) } }
        if let bpmn {
            let name = URL(fileURLWithPath: input.log).deletingPathExtension().lastPathComponent
            try OutputFile.replace(bpmn) { try BPMNWriter(processName: name).write(tree, to: $0) }
        }
        if pnml != nil || svg != nil || dot != nil { try writers.write(tree.petriNet) }
    }
}
