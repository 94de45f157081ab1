import ArgumentParser
import Conformance
import Foundation

extension PrecisionMethod: ExpressibleByArgument {}

/// `tracewise precision LOG MODEL.pnml [--method etc|align-etc]`: ETConformance precision.
struct PrecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "precision",
        abstract: "ETConformance precision of a Petri net on a log (token-based or alignment-based).")

    @OptionGroup var input: ConformanceInput

    @OptionGroup var output: FormatOptions

    @Option(help: "etc (token-based replay) or align-etc (alignments).")
    var method: PrecisionMethod = .etc

    struct Output: Encodable {
        var precision: Double
        var method: String
    }

    func run() throws {
        let (log, net) = try input.load()
        let precision = try method.precision(of: log, on: net, progress: ProgressDisplay.shared.handler)
        switch output.format {
        case .json: try JSONOutput.print(Output(precision: precision, method: method.rawValue))
        case .text: print("precision (\(method.rawValue)) \(precision)")
        }
    }
}
