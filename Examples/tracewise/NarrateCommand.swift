import ArgumentParser
import EventLog
import Explain
import Foundation

/// `tracewise narrate LOG --role analyst|coo|cfo|ceo [--llm PROVIDER:MODEL] [--sla SECONDS] --format json`:
/// a role narrative of a log, by the template or by a language model whose text passed the fact check.
struct NarrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "narrate",
        abstract: "Write a role narrative of a log; with --llm a model rewrites it and the fact checker vets every number.")

    @OptionGroup var input: LogOptions

    @Option(help: "The audience: analyst, coo, cfo or ceo.")
    var role: NarrativeRole

    @OptionGroup var model: LLMOption

    @Option(help: "A cycle-time threshold in seconds for SLA figures.")
    var sla: Double?

    @OptionGroup var output: FormatOptions

    /// The JSON shape (a contract: extend, don't rename).
    struct Output: Encodable {
        struct FactCheck: Encodable {
            var passed: Bool
            var failures: [String]
        }

        struct Usage: Encodable {
            var inputTokens: Int
            var outputTokens: Int
        }

        var role: String
        var text: String
        var model: String
        var fallback: Bool
        var fallbackReason: String?
        var factCheck: FactCheck
        var usage: Usage
    }

    func run() async throws {
        let eventLog = try input.load()
        let name = input.fileName
        let options = FeatureOptions()
        let analysis = PerformanceAnalysis(eventLog, options: options.timing)
        let ranking = BottleneckRanking(analysis)
        let drivers = (try? DriverAnalysis(log: eventLog, target: .duration, analysis: analysis, options: options))?.driverFacts() ?? []
        let facts = Facts(logName: name, analysis: analysis, bottlenecks: ranking, drivers: drivers, slaSeconds: sla)
        let narrative: Narrative
        if let languageModel = try model.model() {
            let vocabulary = Set(eventLog.activityNames + eventLog.resourceNames)
            narrative = try await LLMNarrator(model: languageModel, vocabulary: vocabulary).narrate(facts, for: role)
        } else {
            narrative = TemplateNarrator().narrative(for: role, facts: facts)
        }
        let result = Output(
            role: role.rawValue, text: narrative.text, model: narrative.source, fallback: narrative.fallbackReason != nil,
            fallbackReason: narrative.fallbackReason,
            factCheck: .init(passed: narrative.factCheckFailures.isEmpty, failures: narrative.factCheckFailures),
            usage: .init(inputTokens: narrative.usage?.inputTokens ?? 0, outputTokens: narrative.usage?.outputTokens ?? 0))
        switch output.format {
        case .json:
            try JSONOutput.print(result)
        case .text:
            print(narrative.text)
            if let reason = narrative.fallbackReason { print("(template narrative: \(reason))") }
        }
    }
}

extension NarrativeRole: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
