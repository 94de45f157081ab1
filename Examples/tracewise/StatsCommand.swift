import ArgumentParser
import EventLog
import Foundation

/// `tracewise stats LOG [--classifier KEYS] [--format json|text]`: cases, events, activities, start/end
/// activities and variants (count descending, then activity names). With `--store STORE --tenant T`, LOG names
/// a stored log; on PostgreSQL the JSON is computed in the database (push-down), with the same bytes.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print a log's cases, events, activity counts, start/end activities and variants.")

    @OptionGroup var input: LogOptions

    @OptionGroup var stored: StoredLogOptions

    @OptionGroup var output: FormatOptions

    @Option(help: "Text format: how many variants to list.")
    var topVariants: Int = 10

    func run() async throws {
        if let location = stored.store, let tenant = stored.tenant {
            let opened = try await location.open()
            defer { opened.close() }
            if case .postgres(let store) = opened, input.classifier == nil, output.format == .json {
                input.requestTimings()
                try JSONOutput.print(try await store.statisticsSummary(of: input.log, tenant: tenant))
                return
            }
            try show(LogStatistics(try await input.load(storedIn: opened, tenant: tenant)))
            return
        }
        try show(LogStatistics(try input.load()))
    }

    private func show(_ statistics: LogStatistics) throws {
        switch output.format {
        case .json: try JSONOutput.print(StatisticsSummary(statistics))
        case .text: print(StatsText.render(statistics, topVariants: topVariants), terminator: "")
        }
    }
}

/// The human-readable rendering of ``LogStatistics``.
enum StatsText {
    static func render(_ s: LogStatistics, topVariants: Int) -> String {
        var out = "cases: \(s.caseCount)\nevents: \(s.eventCount)\nactivities: \(s.activityNames.count)\n"
        out += "variants: \(s.variants.count)\n"
        out += "case duration (s): min \(s.caseDurations.min), median \(s.caseDurations.median), "
        out += "mean \(s.caseDurations.mean), max \(s.caseDurations.max)\n"
        out += "\nactivity counts:\n" + counts(s.activities)
        out += "\nstart activities:\n" + counts(s.startActivities)
        out += "\nend activities:\n" + counts(s.endActivities)
        out += "\ntop variants:\n"
        for variant in s.variants.prefix(topVariants) {
            out += "  \(variant.count)  " + variant.activities.joined(separator: " → ") + "\n"
        }
        return out
    }

    private static func counts(_ values: [String: Int]) -> String {
        values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "  \($0.value)  \($0.key)\n" }.joined()
    }
}
