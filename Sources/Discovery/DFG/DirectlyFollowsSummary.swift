import EventLog

/// The directly-follows graph in the shape `tracewise dfg --format json` prints (a CLI and HTTP contract):
/// edges with counts and mean/median durations (count descending, then source and target names), start and
/// end activities.
///
/// ```swift
/// let summary = DirectlyFollowsSummary(log)
/// let json = try ReportJSON.encode(summary)
/// ```
public struct DirectlyFollowsSummary: Hashable, Sendable, Codable {
    /// One directly-follows relation.
    public struct Edge: Hashable, Sendable, Codable {
        public var from: String
        public var to: String
        public var count: Int
        /// Nil (JSON null) when no occurrence of the edge had both timestamps.
        public var meanSeconds: Double?
        public var medianSeconds: Double?

        public init(from: String, to: String, count: Int, meanSeconds: Double?, medianSeconds: Double?) {
            self.from = from
            self.to = to
            self.count = count
            self.meanSeconds = meanSeconds
            self.medianSeconds = medianSeconds
        }
    }

    public var edges: [Edge]
    public var startActivities: [String: Int]
    public var endActivities: [String: Int]

    /// Counts and times the log's directly-follows relations (events ordered by timestamp within a case).
    public init(_ log: EventLog) {
        let ordered = TimeOrderedActivities(log)
        let dfg = DirectlyFollowsGraph(ordered, activityNames: log.activityNames)
        let performance = PerformanceDirectlyFollowsGraph(ordered, activityNames: log.activityNames)
        var timing: [Int: PerformanceDirectlyFollowsGraph.Edge] = [:]
        for edge in performance.edges { timing[edge.source * dfg.activityCount + edge.target] = edge }
        let names = dfg.activityNames
        edges = dfg.edges.map { edge in
            let timed = timing[edge.source * dfg.activityCount + edge.target]
            return Edge(from: names[edge.source], to: names[edge.target], count: edge.count,
                        meanSeconds: timed?.meanSeconds, medianSeconds: timed?.medianSeconds)
        }.sorted { ($0.count, $1.from, $1.to) > ($1.count, $0.from, $0.to) }
        startActivities = dfg.startActivities
        endActivities = dfg.endActivities
    }
}
