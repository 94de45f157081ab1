import EventLog
import Explain

// The Explain sections of tracewise-demo: where the generated log waits, what drives the wait before the
// bottleneck activity, and the COO's narrative of it.

/// Prints the worst bottlenecks, the drivers of the wait before the worst-affected activity, and the COO
/// narrative of the log.
func printExplainSections(_ log: EventLog) {
    let analysis = PerformanceAnalysis(log)
    let ranking = BottleneckRanking(analysis)
    printBottlenecks(ranking)
    let truth = SyntheticLog.Scenario.bottleneck
    let drivers = printDrivers(of: truth.activity, in: log, analysis: analysis)
    printCOONarrative(log, analysis: analysis, ranking: ranking, drivers: drivers)
}

func printBottlenecks(_ ranking: BottleneckRanking, count: Int = 5) {
    print("\n== Bottlenecks (total waiting before each activity) ==")
    for (rank, b) in ranking.activities.prefix(count).enumerated() {
        print("\(rank + 1). \(b.activity): \(FactFormat.duration(seconds: b.totalWaitingSeconds)) in total "
              + "(\(FactFormat.percent(b.shareOfWaiting)) of all waiting), mean \(FactFormat.duration(seconds: b.waiting.meanSeconds)), "
              + "p90 \(FactFormat.duration(seconds: b.waiting.p90Seconds))")
    }
}

/// Models the wait before `activity` and prints its strongest drivers; returns them for the narrative.
func printDrivers(of activity: String, in log: EventLog, analysis: PerformanceAnalysis) -> [Facts.DriverFact] {
    print("\n== Why is \(activity) slow? (gradient-boosted trees + TreeSHAP) ==")
    do {
        let drivers = try DriverAnalysis(log: log, target: .waitingBefore(activity: activity), analysis: analysis)
        for d in drivers.global.drivers.prefix(5) {
            let direction = d.raisesTargetWhenHigh.map { $0 ? "lengthens" : "shortens" } ?? "mixed"
            print("  \(d.feature): mean |SHAP| \(FactFormat.number(d.meanAbsoluteSHAP, decimals: 2)) h (\(direction))")
        }
        if let slowest = drivers.slowestRows(1).first {
            let local = drivers.local(row: slowest, top: 3)
            print("  slowest case \(local.caseID): predicted \(FactFormat.duration(hours: local.prediction)) of waiting; pushed up by "
                  + local.up.map { "\($0.feature) (+\(FactFormat.number($0.shap, decimals: 1)) h)" }.joined(separator: ", "))
        }
        return drivers.driverFacts()
    } catch {
        print("  no model: \(error)")
        return []
    }
}

func printCOONarrative(_ log: EventLog, analysis: PerformanceAnalysis, ranking: BottleneckRanking,
                       drivers: [Facts.DriverFact]) {
    print("\n== COO narrative ==")
    let facts = Facts(logName: "the generated order-to-cash log", analysis: analysis, bottlenecks: ranking,
                      drivers: drivers, slaSeconds: 30 * 86_400)
    let narrative = TemplateNarrator().narrative(for: .coo, facts: facts)
    for paragraph in narrative.paragraphs { print(paragraph) }
    for (i, action) in narrative.actions.enumerated() { print("\(i + 1). \(action)") }
}
