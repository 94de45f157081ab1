import ArgumentParser
import Conformance
import Foundation

/// `tracewise align LOG MODEL.pnml`: optimal alignments per variant under the standard cost function.
struct AlignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Optimal alignments of every variant of a log on a Petri net, with PM4Py's fitness.")

    @OptionGroup var input: ConformanceInput

    @OptionGroup var output: FormatOptions

    @Option(help: "Per variant: stop the search after this many states.")
    var stateLimit: Int = 5_000_000

    @Option(help: "Per variant: stop the search after this many seconds.")
    var timeLimit: Double?

    struct Move: Encodable {
        var log: String?
        var model: String?
        var silent: Bool

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(log, forKey: .log)
            try container.encode(model, forKey: .model)
            try container.encode(silent, forKey: .silent)
        }

        enum CodingKeys: String, CodingKey { case log, model, silent }
    }

    struct Variant: Encodable {
        var activities: [String]
        var count: Int
        var status: String
        var cost: Int?
        var fitness: Double?
        var moves: [Move]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(activities, forKey: .activities)
            try container.encode(count, forKey: .count)
            try container.encode(status, forKey: .status)
            try container.encode(cost, forKey: .cost)
            try container.encode(fitness, forKey: .fitness)
            try container.encode(moves, forKey: .moves)
        }

        enum CodingKeys: String, CodingKey { case activities, count, status, cost, fitness, moves }
    }

    struct Output: Encodable {
        var variants: [Variant]
        var logFitness: Double
    }

    func validate() throws {
        guard stateLimit > 0 else { throw ValidationError("--state-limit must be positive") }
        if let timeLimit, timeLimit <= 0 { throw ValidationError("--time-limit must be positive") }
    }

    func run() async throws {
        let (log, net) = try input.load()
        var aligner = Alignments(stateLimit: stateLimit, timeLimit: timeLimit.map { .milliseconds(Int64($0 * 1000)) })
        aligner.progress = ProgressDisplay.shared.handler
        let result = try await aligner.align(log, on: net)
        let variants = result.variants.map { variant in
            Variant(activities: variant.activities, count: variant.count, status: variant.status.rawValue,
                    cost: variant.alignment?.cost, fitness: variant.alignment?.fitness,
                    moves: (variant.alignment?.moves ?? []).map { move in
                        Move(log: move.kind == .model ? nil : move.activity,
                             model: move.kind == .log ? nil : move.label, silent: move.isSilent)
                    })
        }
        switch output.format {
        case .json:
            try JSONOutput.print(Output(variants: variants, logFitness: result.logFitness))
        case .text:
            for variant in variants {
                let cost = variant.cost.map(String.init) ?? variant.status
                print("\(variant.count)× cost \(cost): \(variant.activities.joined(separator: ", "))")
            }
            print("log fitness \(result.logFitness)")
        }
    }
}
