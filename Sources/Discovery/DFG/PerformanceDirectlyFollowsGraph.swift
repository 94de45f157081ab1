import EventLog

/// A performance directly-follows graph: for every directly-follows edge, statistics of the time
/// between the two events, in seconds.
///
/// The duration of an edge occurrence is, as in PM4Py, the start of the later event minus the completion
/// timestamp of the earlier one (events of a case in time order, see ``TimeOrderedActivities``); in a log
/// without a `start_timestamp` column the start is the event's own timestamp. In an interval log the
/// duration is negative when the two events overlap (PM4Py's `get_dfg_graph` does not clamp it either).
/// Pairs where either timestamp is missing are left out of the statistics (PM4Py would see NaN); such an
/// edge can have `count` below its frequency.
///
/// ```swift
/// let performance = PerformanceDirectlyFollowsGraph(log)
/// for edge in performance.edges { print(edge.source, edge.target, edge.meanSeconds) }
/// ```
public struct PerformanceDirectlyFollowsGraph: Sendable, Hashable {
    /// Duration statistics of one edge, in seconds.
    public struct Edge: Sendable, Hashable {
        public let source: Int
        public let target: Int
        /// Occurrences that had both timestamps.
        public let count: Int
        public let meanSeconds: Double
        /// The median; the mean of the two middle values for an even count (as pandas computes it).
        public let medianSeconds: Double
        public let minSeconds: Double
        public let maxSeconds: Double
        public let totalSeconds: Double
    }

    /// Activity names indexed by code.
    public let activityNames: [String]
    /// Edges with at least one timed occurrence, sorted by source, then target.
    public let edges: [Edge]

    /// Computes duration statistics per edge of `log`.
    ///
    /// - Complexity: O(events + edges) expected (medians by selection).
    public init(_ log: EventLog) {
        self.init(TimeOrderedActivities(log), activityNames: log.activityNames)
    }

    /// Computes duration statistics per edge of already time-ordered activity sequences.
    public init(_ ordered: TimeOrderedActivities, activityNames: [String]) {
        self.activityNames = activityNames
        let n = activityNames.count
        let shards = CaseShards.map(caseOffsets: ordered.caseOffsets) { cases in
            Self.collectDurations(ordered, cases: cases, activityCount: n)
        }
        var perEdgeCount = [Int](repeating: 0, count: n * n)
        for shard in shards { for (edge, _) in shard { perEdgeCount[Int(edge)] += 1 } }
        var start = [Int](repeating: 0, count: n * n + 1)
        for i in 0..<(n * n) { start[i + 1] = start[i] + perEdgeCount[i] }
        var fill = start
        var durations = [Int64](repeating: 0, count: start[n * n])
        for shard in shards {
            for (edge, duration) in shard {
                durations[fill[Int(edge)]] = duration
                fill[Int(edge)] += 1
            }
        }
        var edges: [Edge] = []
        durations.withUnsafeMutableBufferPointer { all in
            for index in 0..<(n * n) where perEdgeCount[index] > 0 {
                let summary = DurationSummary(reordering: UnsafeMutableBufferPointer(rebasing: all[start[index] ..< start[index + 1]]))
                edges.append(Self.edge(summary, source: index / n, target: index % n))
            }
        }
        self.edges = edges
    }

    private static func collectDurations(_ ordered: TimeOrderedActivities, cases: Range<Int>,
                                         activityCount n: Int) -> [(Int32, Int64)] {
        var result: [(Int32, Int64)] = []
        let offsets = ordered.caseOffsets
        result.reserveCapacity(offsets[cases.upperBound] - offsets[cases.lowerBound])
        ordered.activityCodes.withUnsafeBufferPointer { codes in
            ordered.timestamps.withUnsafeBufferPointer { times in
                ordered.startTimestamps.withUnsafeBufferPointer { starts in
                    for c in cases {
                        let first = offsets[c], end = offsets[c + 1]
                        guard end - first > 1 else { continue }
                        for e in (first + 1) ..< end {
                            let before = times[e - 1], after = starts[e]
                            guard before != Timestamp.missing, after != Timestamp.missing else { continue }
                            result.append((codes[e - 1] * Int32(n) + codes[e], after - before))
                        }
                    }
                }
            }
        }
        return result
    }

    private static func edge(_ summary: DurationSummary, source: Int, target: Int) -> Edge {
        let scale = 1.0 / 1_000_000
        return Edge(source: source, target: target, count: summary.count, meanSeconds: summary.total / Double(summary.count) * scale,
                    medianSeconds: summary.median * scale, minSeconds: Double(summary.minimum) * scale,
                    maxSeconds: Double(summary.maximum) * scale, totalSeconds: summary.total * scale)
    }
}
