import ArgumentParser
import EventLog
import Explain
import Foundation

/// `tracewise explain LOG --target duration|waiting:ACTIVITY|sla:SECONDS [--format json|text]`: global
/// drivers of the target, the slowest cases with their local drivers, and the bottleneck ranking.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain what drives case duration, waiting before an activity, or SLA breaches.")

    @OptionGroup var input: LogOptions

    @Option(help: "duration, waiting:ACTIVITY or sla:SECONDS.")
    var target: ExplainTarget = ExplainTarget(target: .duration)

    @Option(help: "How many of the cases with the largest target get local drivers.")
    var topCases: Int = 5

    @OptionGroup var output: FormatOptions

    func run() throws {
        let eventLog = try input.load()
        let name = input.fileName
        let explanation = try ProcessExplanation(log: eventLog, name: name, target: target.target, topCases: topCases,
                                                 progress: ProgressDisplay.shared.handler)
        switch output.format {
        case .json: try JSONOutput.print(explanation)
        case .text: print(ExplainText.render(explanation), terminator: "")
        }
    }
}

/// A parsed `--target` value.
struct ExplainTarget: ExpressibleByArgument {
    var target: PredictionTarget

    init(target: PredictionTarget) {
        self.target = target
    }

    init?(argument: String) {
        if argument == "duration" {
            target = .duration
        } else if argument.hasPrefix("waiting:"), argument.count > 8 {
            target = .waitingBefore(activity: String(argument.dropFirst(8)))
        } else if argument.hasPrefix("sla:"), let seconds = Double(argument.dropFirst(4)), seconds > 0 {
            target = .slaBreach(seconds: seconds)
        } else {
            return nil
        }
    }

    /// The value as written on the command line, which `--help` shows as the default.
    var defaultValueDescription: String {
        switch target {
        case .duration: "duration"
        case .waitingBefore(let activity): "waiting:\(activity)"
        case .slaBreach(let seconds): "sla:\(seconds)"
        case .column(let name, _): name
        }
    }

    static var defaultCompletionKind: CompletionKind { .list(["duration", "waiting:", "sla:"]) }
}

/// The human-readable rendering of a ``ProcessExplanation``.
enum ExplainText {
    static func render(_ e: ProcessExplanation) -> String {
        var out = "target: \(e.target) (\(e.unit)), \(e.model.rows) cases, \(e.model.features) features, "
        out += "training fit \(FactFormat.number(e.model.trainingFit, decimals: 3))\n\nglobal drivers (mean |SHAP|):\n"
        for d in e.globalDrivers { out += "  \(FactFormat.number(d.meanAbsoluteSHAP, decimals: 3))  \(d.feature)\n" }
        out += "\nslowest cases:\n"
        for c in e.topCases {
            out += "  \(c.caseID): \(FactFormat.number(c.prediction, decimals: 2)) \(e.unit); up: "
            out += c.up.prefix(3).map { "\($0.feature) +\(FactFormat.number($0.shap, decimals: 2))" }.joined(separator: ", ") + "\n"
        }
        out += "\nbottlenecks (total waiting):\n"
        for b in e.bottlenecks.activities.prefix(10) {
            out += "  \(FactFormat.duration(seconds: b.totalWaitingSeconds))  \(b.label)\n"
        }
        return out
    }
}
