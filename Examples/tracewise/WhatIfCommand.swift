import ArgumentParser
import EventLog
import Explain
import Foundation

/// `tracewise whatif LOG --scenario FILE.json`: re-times the log under a process scenario and prints
/// KPIs before and after (scenario format in docs/explain.md).
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Simulate a process scenario (cut waiting, remove rework, reassign work) and compare KPIs.")

    @OptionGroup var input: LogOptions

    @Option(help: "The scenario JSON file.")
    var scenario: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        let plan = try ProcessScenario(contentsOf: URL(fileURLWithPath: scenario))
        let eventLog = try input.load()
        let outcome = try ScenarioSimulator(log: eventLog).run(plan)
        switch output.format {
        case .json: try JSONOutput.print(outcome.result)
        case .text: print(WhatIfText.render(outcome.result), terminator: "")
        }
    }
}

/// The human-readable rendering of a ``ScenarioResult``.
enum WhatIfText {
    static func render(_ r: ScenarioResult) -> String {
        func row(_ label: String, _ before: Double, _ after: Double) -> String {
            "  \(label): \(FactFormat.duration(seconds: before)) → \(FactFormat.duration(seconds: after))\n"
        }
        var out = "scenario: \(r.scenario) (\(r.changedInstances) activities re-timed, \(r.removedInstances) removed)\n"
        out += row("mean cycle time", r.before.meanCycleSeconds, r.after.meanCycleSeconds)
        out += row("median cycle time", r.before.medianCycleSeconds, r.after.medianCycleSeconds)
        out += row("p90 cycle time", r.before.p90CycleSeconds, r.after.p90CycleSeconds)
        out += row("total waiting", r.before.totalWaitingSeconds, r.after.totalWaitingSeconds)
        if let before = r.before.slaBreachRate, let after = r.after.slaBreachRate {
            out += "  over SLA: \(FactFormat.percent(before)) → \(FactFormat.percent(after))\n"
        }
        return out
    }
}
