import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `tracewise dfg LOG [--classifier KEYS] [--format json|text]`: the directly-follows graph with edge counts
/// and mean/median durations, start and end activities.
struct DfgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfg",
        abstract: "Print a log's directly-follows graph: edge counts with mean and median durations, start and end activities.")

    @OptionGroup var input: LogOptions

    @OptionGroup var output: FormatOptions

    /// The JSON shape of `tracewise dfg --format json` (a contract).
    struct Output: Encodable {
        struct Edge: Encodable {
            var from: String
            var to: String
            var count: Int
            /// Nil (JSON null) when no occurrence of the edge had both timestamps.
            var meanSeconds: Double?
            var medianSeconds: Double?
        }
        var edges: [Edge]
        var startActivities: [String: Int]
        var endActivities: [String: Int]
    }

    func run() throws {
        let eventLog = try input.load()
        let ordered = TimeOrderedActivities(eventLog)
        let dfg = DirectlyFollowsGraph(ordered, activityNames: eventLog.activityNames)
        let performance = PerformanceDirectlyFollowsGraph(ordered, activityNames: eventLog.activityNames)
        var timing: [Int: PerformanceDirectlyFollowsGraph.Edge] = [:]
        for edge in performance.edges { timing[edge.source * dfg.activityCount + edge.target] = edge }
        let names = dfg.activityNames
        let edges = dfg.edges.map { edge in
            let timed = timing[edge.source * dfg.activityCount + edge.target]
            return Output.Edge(from: names[edge.source], to: names[edge.target], count: edge.count,
                               meanSeconds: timed?.meanSeconds, medianSeconds: timed?.medianSeconds)
        }.sorted { ($0.count, $1.from, $1.to) > ($1.count, $0.from, $0.to) }
        let graph = Output(edges: edges, startActivities: dfg.startActivities, endActivities: dfg.endActivities)
        switch output.format {
        case .json: try JSONOutput.print(graph)
        case .text: print(Self.text(graph), terminator: "")
        }
    }

    private static func text(_ graph: Output) -> String {
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
