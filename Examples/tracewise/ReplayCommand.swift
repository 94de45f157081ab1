import ArgumentParser
import Conformance
import Foundation

/// `tracewise replay LOG MODEL.pnml`: token-based replay fitness with PM4Py's semantics.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Token-based replay of a log on a Petri net: log fitness, average trace fitness, fitting traces.")

    @OptionGroup var input: ConformanceInput

    struct Output: Encodable {
        var logFitness: Double
        var averageTraceFitness: Double
        var percentFittingTraces: Double
    }

    func run() throws {
        let (log, net) = try input.load()
        let result = try TokenReplay().replay(log, on: net)
        let output = Output(logFitness: result.logFitness, averageTraceFitness: result.averageTraceFitness,
                            percentFittingTraces: result.percentFittingTraces)
        switch input.format {
        case .json:
            try JSONOutput.print(output)
        case .text:
            print("log fitness \(output.logFitness)")
            print("average trace fitness \(output.averageTraceFitness)")
            print("fitting traces \(output.percentFittingTraces)%")
        }
    }
}
