import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `tracewise dfg LOG [--classifier KEYS] [--format json|text]`: the directly-follows graph with edge counts
/// and mean/median durations, start and end activities. With `--store STORE --tenant T`, LOG names a stored log;
/// on PostgreSQL the graph is computed in the database (push-down), with the same JSON.
struct DfgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfg",
        abstract: "Print a log's directly-follows graph: edge counts with mean and median durations, start and end activities.")

    @OptionGroup var input: LogOptions

    @OptionGroup var stored: StoredLogOptions

    @OptionGroup var output: FormatOptions

    func run() async throws {
        let graph: DirectlyFollowsSummary
        if let location = stored.store, let tenant = stored.tenant {
            let opened = try await location.open()
            defer { opened.close() }
            if case .postgres(let store) = opened, input.classifier == nil {
                input.requestTimings()
                graph = try await store.directlyFollowsSummary(of: input.log, tenant: tenant)
            } else {
                graph = DirectlyFollowsSummary(try await input.load(storedIn: opened, tenant: tenant))
            }
        } else {
            graph = DirectlyFollowsSummary(try input.load())
        }
        switch output.format {
        case .json: try JSONOutput.print(graph)
        case .text: print(Self.text(graph), terminator: "")
        }
    }

    private static func text(_ graph: DirectlyFollowsSummary) -> String {
        var out = "edges (count, mean s, median s):\n"
        for edge in graph.edges {
            let mean = edge.meanSeconds.map { String($0) } ?? "-"
            let median = edge.medianSeconds.map { String($0) } ?? "-"
            out += "  \(edge.from) -> \(edge.to)  \(edge.count)  \(mean)  \(median)\n"
        }
        out += "start activities:\n"
        for (name, count) in graph.startActivities.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { out += "  \(name)  \(count)\n" }
        out += "end activities:\n"
        for (name, count) in graph.endActivities.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { out += "  \(name)  \(count)\n" }
        return out
    }
}
