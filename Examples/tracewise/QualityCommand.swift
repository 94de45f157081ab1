import ArgumentParser
import Conformance
import Foundation

/// `tracewise quality LOG MODEL.pnml`: fitness, precision, generalization and simplicity.
struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "The four quality dimensions of a Petri net on a log, as PM4Py defines them.")

    @OptionGroup var input: ConformanceInput

    @OptionGroup var output: FormatOptions

    @Option(help: "Precision method: etc or align-etc.")
    var method: PrecisionMethod = .etc

    struct Output: Encodable {
        var fitness: Double
        var tokenReplayFitness: Double
        var precision: Double
        var precisionMethod: String
        var generalization: Double
        var simplicity: Double
    }

    func run() async throws {
        let (log, net) = try input.load()
        let report = try await QualityReport.evaluate(log, on: net, precisionMethod: method)
        let dimensions = Output(fitness: report.alignmentFitness, tokenReplayFitness: report.tokenReplayFitness,
                            precision: report.precision, precisionMethod: report.precisionMethod.rawValue,
                            generalization: report.generalization, simplicity: report.simplicity)
        switch output.format {
        case .json:
            try JSONOutput.print(dimensions)
        case .text:
            print("fitness (alignments) \(dimensions.fitness)")
            print("fitness (token replay) \(dimensions.tokenReplayFitness)")
            print("precision (\(dimensions.precisionMethod)) \(dimensions.precision)")
            print("generalization \(dimensions.generalization)")
            print("simplicity \(dimensions.simplicity)")
        }
    }
}
