import ArgumentParser
import Discovery
import Foundation

/// `tracewise net NET.pnml [--pnml OUT] [--svg OUT] [--dot OUT] [--state-limit N]`: reads a PNML net, prints
/// its size, markings, workflow-net shape and soundness (JSON: ``NetSummary``), and optionally writes it in
/// other formats.
struct NetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "net",
        abstract: "Analyse a Petri net from PNML (workflow-net shape, boundedness, soundness) and convert it.")

    @Argument(help: "The PNML file.")
    var net: String

    @Option(help: "Write the net as PNML (PM4Py layout) to this file.")
    var pnml: String?

    @Option(help: "Write the net as SVG to this file.")
    var svg: String?

    @Option(help: "Write the net as Graphviz DOT to this file.")
    var dot: String?

    @Option(help: "Reachability states to explore before giving up.")
    var stateLimit: Int = PetriNet.defaultStateLimit

    @OptionGroup var output: FormatOptions

    func validate() throws {
        guard stateLimit > 0 else { throw ValidationError("--state-limit must be positive") }
    }

    func run() throws {
        let document = try PNMLReader().read(contentsOf: URL(fileURLWithPath: net))
        let petriNet = document.net
        try NetWriters(pnml: pnml, svg: svg, dot: dot).write(petriNet)
        let summary = NetSummary(petriNet, finalMarkingInferred: document.finalMarkingInferred,
                                 report: petriNet.soundness(stateLimit: stateLimit))
        switch output.format {
        case .json: try JSONOutput.print(summary)
        case .text: print(summary.text, terminator: "")
        }
    }
}

/// Writes a Petri net to the files named by `--pnml`, `--svg` and `--dot` (shared by `net` and `discover`).
struct NetWriters {
    var pnml: String?
    var svg: String?
    var dot: String?

    func write(_ net: PetriNet) throws {
        if let pnml { try OutputFile.replace(pnml) { try PNMLWriter().write(net, to: $0) } }
        if let svg { try OutputFile.write(PetriNetSVGRenderer().svg(for: net), to: svg) }
        if let dot { try OutputFile.write(net.dot(), to: dot) }
    }
}

/// The JSON `tracewise net` prints.
struct NetSummary: Encodable {
    let places: Int
    let transitions: Int
    let silentTransitions: Int
    let arcs: Int
    let initialMarking: [String: Int]
    let finalMarking: [String: Int]
    let finalMarkingInferred: Bool
    let workflowNet: Bool
    let workflowNetViolations: [String]
    let soundness: String
    let reachability: String
    let statesExplored: Int
    let optionToComplete: Bool?
    let properCompletion: Bool
    let deadTransitions: [String]
    let problems: [String]

    init(_ net: PetriNet, finalMarkingInferred: Bool, report: SoundnessReport) {
        places = net.places.count
        transitions = net.transitions.count
        silentTransitions = net.transitions.filter(\.isSilent).count
        arcs = net.arcs.count
        initialMarking = Dictionary(uniqueKeysWithValues: net.initialMarking.map { (net.places[$0.key].id, $0.value) })
        finalMarking = Dictionary(uniqueKeysWithValues: net.finalMarking.map { (net.places[$0.key].id, $0.value) })
        self.finalMarkingInferred = finalMarkingInferred
        workflowNet = report.workflowNet.isWorkflowNet
        workflowNetViolations = report.workflowNet.violations.map(\.description)
        soundness = switch report.verdict {
        case .sound: "sound"
        case .unsound: "unsound"
        case .unknown: "unknown"
        }
        reachability = switch report.reachability {
        case .complete: "complete"
        case .unbounded: "unbounded"
        case .stateLimitReached: "stateLimitReached"
        }
        statesExplored = report.statesExplored
        optionToComplete = report.optionToComplete
        properCompletion = report.properCompletion
        deadTransitions = report.deadTransitions.map { net.transitions[$0].id }
        problems = report.problems
    }

    /// The summary for a terminal: size, shape, soundness and its problems.
    var text: String {
        var out = "places: \(places), transitions: \(transitions) (\(silentTransitions) silent), arcs: \(arcs)\n"
        out += "workflow net: \(workflowNet ? "yes" : "no")" + (finalMarkingInferred ? " (final marking inferred)" : "") + "\n"
        for violation in workflowNetViolations { out += "  \(violation)\n" }
        out += "soundness: \(soundness) (reachability \(reachability), \(statesExplored) states)\n"
        for problem in problems { out += "  \(problem)\n" }
        return out
    }
}
