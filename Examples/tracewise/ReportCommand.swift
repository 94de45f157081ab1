import ArgumentParser
import Explain
import Foundation

/// `tracewise report LOG --html OUT`: one self-contained HTML page with KPIs, process map, variants,
/// bottlenecks, drivers and the four role narratives.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a log: KPIs, map, variants, bottlenecks, drivers, narratives.")

    @OptionGroup var input: LogOptions

    @Option(help: "The HTML file to write.")
    var html: String

    @Option(help: "A cycle-time threshold in seconds for SLA figures.")
    var sla: Double?

    @Option(help: "Cost of one hour of case waiting (enables the CFO narrative's amounts).")
    var costPerWaitingHour: Double?

    @Option(help: "Cost of one hour of work of any resource.")
    var costPerResourceHour: Double = 0

    @Option(help: "Currency code shown with amounts.")
    var currency: String = "EUR"

    @OptionGroup var model: LLMOption

    func run() async throws {
        let eventLog = try input.load()
        let name = input.fileName
        let costModel = costPerWaitingHour.map {
            CostModel(currency: currency, costPerWaitingHour: $0, defaultCostPerResourceHour: costPerResourceHour)
        }
        var report = try HTMLReport(log: eventLog, name: name, slaSeconds: sla, costModel: costModel,
                                    processMapSVG: ProcessMapSource.svg(for: eventLog), progress: ProgressDisplay.shared.handler)
        if let languageModel = try model.model() {
            let narrator = LLMNarrator(model: languageModel, vocabulary: Set(eventLog.activityNames + eventLog.resourceNames))
            var narratives: [Narrative] = []
            for role in NarrativeRole.allCases { narratives.append(try await narrator.narrate(report.facts, for: role)) }
            report.narratives = narratives
        }
        try OutputFile.write(report.html(), to: html)
    }
}
