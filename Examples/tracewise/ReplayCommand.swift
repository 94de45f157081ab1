import ArgumentParser
import Conformance
import Foundation

/// `tracewise replay LOG MODEL.pnml`: token-based replay fitness with PM4Py's semantics.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Token-based replay of a log on a Petri net: log fitness, average trace fitness, fitting traces.")

    @OptionGroup var input: ConformanceInput

    @OptionGroup var output: FormatOptions

    struct Output: Encodable {
        var logFitness: Double
        var averageTraceFitness: Double
        var percentFittingTraces: Double
    }

    func run() throws {
        let (log, net) = try input.load()
        var replay = TokenReplay()
        replay.progress = ProgressDisplay.shared.handler
        let result = try replay.replay(log, on: net)
        let fitness = Output(logFitness: result.logFitness, averageTraceFitness: result.averageTraceFitness,
                            percentFittingTraces: result.percentFittingTraces)
        switch output.format {
        case .json:
            try JSONOutput.print(fitness)
        case .text:
            print("log fitness \(fitness.logFitness)")
            print("average trace fitness \(fitness.averageTraceFitness)")
            print("fitting traces \(fitness.percentFittingTraces)%")
        }
    }
}
