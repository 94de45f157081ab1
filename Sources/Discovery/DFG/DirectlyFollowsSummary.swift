import EventLog

/// A log's directly-follows graph as `tracewise dfg --format json` prints it (a CLI contract): every edge by
/// activity name with its count and the mean and median time between the two events, and the start and end
/// activities — all on each case's events in time order.
///
/// It is computed in memory from a log (``init(_:)``) or in a database from aggregates
/// (``init(edges:startActivities:endActivities:)``, as `TracewisePostgres` does); both give equal values.
///
/// ```swift
/// let summary = DirectlyFollowsSummary(try EventLog(contentsOf: url))
/// for edge in summary.edges.prefix(3) { print(edge.from, edge.to, edge.count, edge.meanSeconds ?? .nan) }
/// ```
public struct DirectlyFollowsSummary: Sendable, Codable, Hashable {
    /// One edge.
    public struct Edge: Sendable, Codable, Hashable {
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

        /// The mean and median in seconds from exact aggregates of the timed occurrences (durations in
        /// microseconds): `total / timedCount`, and the mean of the two middle values (equal for an odd
        /// count), rounded exactly as ``PerformanceDirectlyFollowsGraph`` rounds them.
        public init(from: String, to: String, count: Int, timedCount: Int, totalMicroseconds: Double,
                    lowerMiddleMicroseconds: Int64, upperMiddleMicroseconds: Int64) {
            let scale = 1.0 / 1_000_000
            let median = timedCount % 2 == 1 ? Double(upperMiddleMicroseconds)
                : (Double(lowerMiddleMicroseconds) + Double(upperMiddleMicroseconds)) / 2
            self.init(from: from, to: to, count: count,
                      meanSeconds: timedCount > 0 ? totalMicroseconds / Double(timedCount) * scale : nil,
                      medianSeconds: timedCount > 0 ? median * scale : nil)
        }
    }

    /// Count descending, then source and target name ascending.
    public var edges: [Edge]
    public var startActivities: [String: Int]
    public var endActivities: [String: Int]

    /// Assembles a summary, ordering `edges` as the contract requires.
    public init(edges: [Edge], startActivities: [String: Int], endActivities: [String: Int]) {
        self.edges = edges.sorted { ($0.count, $1.from, $1.to) > ($1.count, $0.from, $0.to) }
        self.startActivities = startActivities
        self.endActivities = endActivities
    }

    /// Computes the summary of `log` in memory.
    /// - Complexity: O(events) plus O(k log k) per unordered case of k events.
    public init(_ log: EventLog) {
        let ordered = TimeOrderedActivities(log)
        let dfg = DirectlyFollowsGraph(ordered, activityNames: log.activityNames)
        let performance = PerformanceDirectlyFollowsGraph(ordered, activityNames: log.activityNames)
        var timing: [Int: PerformanceDirectlyFollowsGraph.Edge] = [:]
        for edge in performance.edges { timing[edge.source * dfg.activityCount + edge.target] = edge }
        let names = dfg.activityNames
        let edges = dfg.edges.map { edge in
            let timed = timing[edge.source * dfg.activityCount + edge.target]
            return Edge(from: names[edge.source], to: names[edge.target], count: edge.count,
                        meanSeconds: timed?.meanSeconds, medianSeconds: timed?.medianSeconds)
        }
        self.init(edges: edges, startActivities: dfg.startActivities, endActivities: dfg.endActivities)
    }
}
