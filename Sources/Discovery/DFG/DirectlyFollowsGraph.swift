import EventLog

/// A frequency directly-follows graph: how often activity `b` directly follows activity `a` in a case,
/// plus how often each activity occurs, starts and ends a case.
///
/// Activities are addressed by their code in ``activityNames`` (the log's codes). Edge counts are kept
/// both as a dense `n × n` matrix (``edgeCountMatrix``, row-major by source) for O(1) lookups in
/// algorithms, and as a sparse, sorted edge list (``edges``) for iteration and output.
///
/// As in PM4Py, edges are counted with each case's events in time order (start timestamp, then completion;
/// see ``TimeOrderedActivities``), while start and end activities are each case's first and last event in
/// file order, so they equal `LogStatistics`' start and end activities on every log (docs/eventlog.md,
/// "Event order").
///
/// ```swift
/// let dfg = DirectlyFollowsGraph(log)
/// for edge in dfg.edges {
///     print(dfg.activityNames[edge.source], "->", dfg.activityNames[edge.target], edge.count)
/// }
/// ```
public struct DirectlyFollowsGraph: Sendable, Hashable {
    /// One directly-follows relation with its frequency.
    public struct Edge: Sendable, Hashable {
        public let source: Int
        public let target: Int
        public let count: Int
        public init(source: Int, target: Int, count: Int) {
            self.source = source
            self.target = target
            self.count = count
        }
    }

    /// Activity names indexed by code; activities that never occur have count 0.
    public let activityNames: [String]
    /// Occurrences of each activity.
    public let activityCounts: [Int]
    /// How many cases start with each activity.
    public let startActivityCounts: [Int]
    /// How many cases end with each activity.
    public let endActivityCounts: [Int]
    /// `edgeCountMatrix[source * activityNames.count + target]`: how often `target` directly follows `source`.
    public let edgeCountMatrix: [Int]
    /// Every edge with a positive count, sorted by source, then target.
    public let edges: [Edge]
    /// The number of cases with no events (they contribute no activity, start or end).
    public let emptyCaseCount: Int
    /// The number of cases.
    public let caseCount: Int

    /// Discovers the directly-follows graph of `log` in one pass over its activity codes, sharding
    /// the cases over all cores for large logs.
    ///
    /// - Complexity: O(events + activities²).
    public init(_ log: EventLog) {
        self.init(TimeOrderedActivities(log), activityNames: log.activityNames)
    }

    /// Discovers the graph of already time-ordered activity sequences (edges in their time order, start and
    /// end activities in their file order).
    public init(_ ordered: TimeOrderedActivities, activityNames: [String]) {
        let n = activityNames.count
        let partials = CaseShards.map(caseOffsets: ordered.caseOffsets) { cases in
            Self.count(ordered, cases: cases, activityCount: n)
        }
        var total = partials[0]
        for partial in partials.dropFirst() { total.add(partial) }
        self.init(activityNames: activityNames, activityCounts: total.activities, startActivityCounts: total.starts,
                  endActivityCounts: total.ends, edgeCountMatrix: total.edges, emptyCaseCount: total.emptyCases,
                  caseCount: ordered.caseCount)
    }

    /// Builds a graph from counts, e.g. one loaded from a file or computed elsewhere.
    ///
    /// - Precondition: every array has `activityNames.count` entries, the matrix its square.
    public init(activityNames: [String], activityCounts: [Int], startActivityCounts: [Int], endActivityCounts: [Int],
                edgeCountMatrix: [Int], emptyCaseCount: Int = 0, caseCount: Int? = nil) {
        let n = activityNames.count
        precondition(activityCounts.count == n && startActivityCounts.count == n && endActivityCounts.count == n)
        precondition(edgeCountMatrix.count == n * n)
        self.activityNames = activityNames
        self.activityCounts = activityCounts
        self.startActivityCounts = startActivityCounts
        self.endActivityCounts = endActivityCounts
        self.edgeCountMatrix = edgeCountMatrix
        self.emptyCaseCount = emptyCaseCount
        self.caseCount = caseCount ?? (startActivityCounts.reduce(0, +) + emptyCaseCount)
        var edges: [Edge] = []
        for source in 0..<n {
            for target in 0..<n where edgeCountMatrix[source * n + target] > 0 {
                edges.append(Edge(source: source, target: target, count: edgeCountMatrix[source * n + target]))
            }
        }
        self.edges = edges
    }

    /// The number of activity codes (including any that never occur).
    public var activityCount: Int { activityNames.count }

    /// How often `target` directly follows `source`.
    @inlinable
    public func count(from source: Int, to target: Int) -> Int {
        edgeCountMatrix[source * activityNames.count + target]
    }

    /// Codes of the activities that occur at least once.
    public var occurringActivities: [Int] {
        activityCounts.indices.filter { activityCounts[$0] > 0 }
    }

    /// Start activities by name with their counts (only those that start some case).
    public var startActivities: [String: Int] { Self.named(startActivityCounts, activityNames) }
    /// End activities by name with their counts (only those that end some case).
    public var endActivities: [String: Int] { Self.named(endActivityCounts, activityNames) }
    /// Activity occurrences by name (only activities that occur).
    public var activities: [String: Int] { Self.named(activityCounts, activityNames) }

    private static func named(_ counts: [Int], _ names: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (code, count) in counts.enumerated() where count > 0 { result[names[code]] = count }
        return result
    }

    private struct Counts {
        var activities: [Int]
        var starts: [Int]
        var ends: [Int]
        var edges: [Int]
        var emptyCases = 0

        init(activityCount n: Int) {
            activities = Array(repeating: 0, count: n)
            starts = Array(repeating: 0, count: n)
            ends = Array(repeating: 0, count: n)
            edges = Array(repeating: 0, count: n * n)
        }

        mutating func add(_ other: Counts) {
            for i in activities.indices {
                activities[i] += other.activities[i]
                starts[i] += other.starts[i]
                ends[i] += other.ends[i]
            }
            for i in edges.indices { edges[i] += other.edges[i] }
            emptyCases += other.emptyCases
        }
    }

    private static func count(_ ordered: TimeOrderedActivities, cases: Range<Int>, activityCount n: Int) -> Counts {
        var counts = Counts(activityCount: n)
        let offsets = ordered.caseOffsets, fileCodes = ordered.fileOrderActivityCodes
        ordered.activityCodes.withUnsafeBufferPointer { codes in
            counts.activities.withUnsafeMutableBufferPointer { activities in
                counts.edges.withUnsafeMutableBufferPointer { edges in
                    for c in cases {
                        let first = offsets[c], end = offsets[c + 1]
                        guard first < end else { counts.emptyCases += 1; continue }
                        var previous = Int(codes[first])
                        activities[previous] += 1
                        for e in (first + 1) ..< end {
                            let current = Int(codes[e])
                            activities[current] += 1
                            edges[previous * n + current] += 1
                            previous = current
                        }
                        counts.starts[Int(fileCodes[first])] += 1
                        counts.ends[Int(fileCodes[end - 1])] += 1
                    }
                }
            }
        }
        return counts
    }
}
