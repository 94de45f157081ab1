import EventLog
import TracewiseSupport

// tracewise-demo: runs with no arguments, no network and no files. It generates a synthetic order-to-cash
// log and prints what Tracewise sees in it. Each section is one small function; later layers add sections.

/// The seed and size of the demo log; fixed so the output is the same on every machine.
let demoSeed: UInt64 = 2024
let demoEvents = 50_000

func section(_ title: String) {
    print("\n== \(title) ==")
}

/// A duration in the largest unit that keeps it above 1 (days, hours, minutes, seconds).
func formatDuration(_ seconds: Double) -> String {
    TextFormat.duration(seconds: seconds, style: .abbreviated)
}

/// `value` with two decimals.
func format2(_ value: Double) -> String {
    TextFormat.fixed(value, decimals: 2)
}

func printOverview(_ log: EventLog, _ stats: LogStatistics) {
    section("Log")
    print("generated order-to-cash log (seed \(demoSeed))")
    print("cases: \(stats.caseCount)   events: \(stats.eventCount)   activities: \(stats.activities.count)   variants: \(stats.variants.count)")
    print("schema fingerprint: \(SchemaFingerprint(log).value)")
}

func printTopVariants(_ stats: LogStatistics, count: Int = 5) {
    section("Top \(count) variants")
    for (rank, variant) in stats.variants.prefix(count).enumerated() {
        let share = format2(Double(variant.count) * 100 / Double(stats.caseCount))
        print("\(rank + 1). \(variant.count) cases (\(share) %): " + variant.activities.joined(separator: " → "))
    }
}

func printCaseDurations(_ stats: LogStatistics) {
    section("Case durations")
    let d = stats.caseDurations
    for p in [10.0, 25, 50, 75, 90, 99] {
        print("p\(Int(p)): \(formatDuration(d.percentile(p)))")
    }
    print("mean: \(formatDuration(d.mean))   max: \(formatDuration(d.max))")
}

func printInjectedBottleneck(_ log: EventLog) {
    section("Known injected bottleneck (ground truth)")
    let truth = SyntheticLog.Scenario.bottleneck
    print(truth.description)
    let affected = log.filteringAttribute(truth.attribute, values: [.string(truth.value)], scope: .trace)
    let others = log.filteringAttribute(truth.attribute, values: [.string(truth.value)], scope: .trace, keep: false)
    print("median case duration, \(truth.attribute) = \(truth.value): \(formatDuration(LogStatistics(affected).caseDurations.median))")
    print("median case duration, other cases: \(formatDuration(LogStatistics(others).caseDurations.median))")
}

let log = SyntheticLog.generate(events: demoEvents, seed: demoSeed)
let stats = LogStatistics(log)
printOverview(log, stats)
printTopVariants(stats)
printCaseDurations(stats)
printInjectedBottleneck(log)
printDiscovery(log)
printExplainSections(log)
await printClosedLoop(log)
