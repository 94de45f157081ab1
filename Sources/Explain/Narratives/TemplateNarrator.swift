/// The default narrator: deterministic templates over ``Facts``, no network. Every number it writes
/// is a fact rendered through ``FactFormat``; counts of list items are written as words.
///
/// ```swift
/// let coo = TemplateNarrator().narrative(for: .coo, facts: facts)
/// print(coo.text)
/// ```
public struct TemplateNarrator: Narrator {
    public init() {}

    public func narrate(_ facts: Facts, for role: NarrativeRole) async throws -> Narrative {
        try Task.checkCancellation()
        return narrative(for: role, facts: facts)
    }

    /// The narrative of `facts` for `role`, synchronously.
    public func narrative(for role: NarrativeRole, facts: Facts) -> Narrative {
        let paragraphs: [String]
        switch role {
        case .analyst: paragraphs = analyst(facts)
        case .coo: paragraphs = coo(facts)
        case .cfo: paragraphs = cfo(facts)
        case .ceo: paragraphs = ceo(facts)
        }
        return Narrative(role: role, title: "\(role.title) summary of \(facts.logName)", paragraphs: paragraphs,
                         actions: actions(facts), source: "template")
    }

    private func analyst(_ f: Facts) -> [String] {
        var p: [String] = []
        let period = f.firstDay.flatMap { first in f.lastDay.map { " from \(first) to \($0)" } } ?? ""
        p.append("The log holds \(f.caseCount) cases and \(f.eventCount) events\(period). Cycle time: mean "
                 + "\(FactFormat.duration(seconds: f.cycleTime.meanSeconds)), median "
                 + "\(FactFormat.duration(seconds: f.cycleTime.medianSeconds)), 90th percentile "
                 + "\(FactFormat.duration(seconds: f.cycleTime.p90Seconds)), maximum "
                 + "\(FactFormat.duration(seconds: f.cycleTime.maxSeconds)).")
        if !f.bottlenecks.isEmpty {
            let items = f.bottlenecks.map {
                "\($0.activity) (\(FactFormat.duration(seconds: $0.totalWaitingSeconds)) in total over \($0.frequency) waits, "
                    + "mean \(FactFormat.duration(seconds: $0.waiting.meanSeconds)), 90th percentile "
                    + "\(FactFormat.duration(seconds: $0.waiting.p90Seconds)))"
            }
            p.append("Waiting before activities, worst first: " + items.joined(separator: "; ") + ".")
        }
        if !f.edgeBottlenecks.isEmpty {
            let items = f.edgeBottlenecks.map {
                "\($0.label) (mean \(FactFormat.duration(seconds: $0.waiting.meanSeconds)), \($0.frequency) times)"
            }
            p.append("Slowest hand-offs between activities: " + items.joined(separator: "; ") + ".")
        }
        if !f.drivers.isEmpty {
            let items = f.drivers.map { d in
                "\(d.feature) (mean impact \(FactFormat.duration(hours: d.meanAbsoluteImpact))"
                    + (d.raisesTargetWhenHigh.map { $0 ? ", higher values lengthen cases" : ", higher values shorten cases" } ?? "")
                    + ")"
            }
            p.append("Strongest drivers of the explained target: " + items.joined(separator: "; ") + ".")
        }
        p.append("Rework: \(FactFormat.percent(f.rework.caseShare)) of cases repeat an activity "
                 + "(\(f.rework.reworkInstances) repeated activities, \(f.rework.loopBacks) loops back, "
                 + "\(f.rework.selfLoops) immediate repeats).")
        if !f.deviations.isEmpty {
            p.append("Most frequent deviations from the model: "
                     + f.deviations.map { "\($0.label) (\($0.cases) cases)" }.joined(separator: "; ") + ".")
        }
        if !f.busiestResources.isEmpty {
            p.append("Busiest resources: " + f.busiestResources.map {
                "\($0.resource) (\($0.instances) activities in \($0.cases) cases)"
            }.joined(separator: "; ") + ".")
        }
        return p
    }

    private func coo(_ f: Facts) -> [String] {
        var p: [String] = []
        p.append("The process completes \(FactFormat.number(f.casesPerWeek, decimals: 1)) cases per week. "
                 + "A typical case takes \(FactFormat.duration(seconds: f.cycleTime.medianSeconds)); "
                 + "one in ten takes longer than \(FactFormat.duration(seconds: f.cycleTime.p90Seconds)).")
        if let sla = f.sla {
            p.append("\(sla.breaches) cases (\(FactFormat.percent(sla.breachRate))) exceed the service level of "
                     + "\(FactFormat.duration(seconds: sla.thresholdSeconds)).")
        }
        if !f.bottlenecks.isEmpty {
            p.append("Most waiting happens before " + f.bottlenecks.prefix(3).map {
                "\($0.activity) (\(FactFormat.percent($0.shareOfWaiting)) of all waiting)"
            }.joined(separator: ", ") + ".")
        }
        if let driver = f.drivers.first {
            p.append("The strongest driver of delay is \(driver.feature).")
        }
        return p
    }

    private func cfo(_ f: Facts) -> [String] {
        guard let cost = f.cost else {
            return ["No cost model was supplied, so no amounts are stated. Cases waited "
                    + "\(FactFormat.duration(seconds: f.totalWaitingSeconds)) in total."]
        }
        var p: [String] = []
        p.append("Waiting costs \(FactFormat.money(cost.totalDelayCost, currency: cost.currency)) over "
                 + "\(f.caseCount) cases, \(FactFormat.money(cost.delayCostPerCase, currency: cost.currency)) per case.")
        if !cost.delayCostByActivity.isEmpty {
            p.append("Cost of delay by activity: " + cost.delayCostByActivity.prefix(3).map {
                "\($0.name) \(FactFormat.money($0.amount, currency: cost.currency))"
            }.joined(separator: ", ") + ".")
        }
        if cost.totalWorkCost > 0 {
            p.append("Work costs \(FactFormat.money(cost.totalWorkCost, currency: cost.currency))"
                     + (cost.workCostByResource.isEmpty ? "." : ", most of it by " + cost.workCostByResource.map {
                         "\($0.name) (\(FactFormat.money($0.amount, currency: cost.currency)))"
                     }.joined(separator: ", ") + "."))
        }
        return p
    }

    private func ceo(_ f: Facts) -> [String] {
        var kpis = ["Median cycle time: \(FactFormat.duration(seconds: f.cycleTime.medianSeconds))."]
        if let sla = f.sla {
            kpis.append("Cases over the service level: \(FactFormat.percent(sla.breachRate)).")
        } else {
            kpis.append("Throughput: \(FactFormat.number(f.casesPerWeek, decimals: 1)) cases per week.")
        }
        if let cost = f.cost {
            kpis.append("Cost of delay: \(FactFormat.money(cost.totalDelayCost, currency: cost.currency)).")
        } else {
            kpis.append("Cases with rework: \(FactFormat.percent(f.rework.caseShare)).")
        }
        return kpis
    }

    /// Up to three actions, each grounded in one fact.
    private func actions(_ f: Facts) -> [String] {
        var actions: [String] = []
        if let top = f.bottlenecks.first {
            actions.append("Reduce waiting before \(top.activity): it holds \(FactFormat.percent(top.shareOfWaiting)) "
                           + "of all waiting (\(FactFormat.duration(seconds: top.totalWaitingSeconds)) in total).")
        }
        if let driver = f.drivers.first {
            actions.append("Act on \(driver.feature), the strongest driver (mean impact "
                           + "\(FactFormat.duration(hours: driver.meanAbsoluteImpact)) per case).")
        }
        if f.rework.casesWithRework > 0 {
            actions.append("Cut rework: \(FactFormat.percent(f.rework.caseShare)) of cases repeat work.")
        }
        if actions.count < 3, let edge = f.edgeBottlenecks.first {
            actions.append("Speed up the hand-off \(edge.label) (mean wait \(FactFormat.duration(seconds: edge.waiting.meanSeconds))).")
        }
        return Array(actions.prefix(3))
    }
}
