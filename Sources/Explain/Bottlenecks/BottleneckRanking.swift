/// Activities and directly-follows edges ranked by the total waiting they contribute
/// (frequency × mean waiting), worst first, with percentiles of the individual waits.
///
/// ```swift
/// let ranking = BottleneckRanking(PerformanceAnalysis(log))
/// for b in ranking.activities.prefix(3) { print(b.label, b.totalWaitingSeconds / 3600, "h") }
/// ```
public struct BottleneckRanking: Hashable, Sendable, Codable {
    /// Waiting before each activity, worst first.
    public var activities: [Bottleneck]
    /// Waiting on each directly-follows edge, worst first.
    public var edges: [Bottleneck]
    /// All waiting in the log, in seconds.
    public var totalWaitingSeconds: Double

    /// Ranks the waits of `analysis`.
    /// - Complexity: O(instances log instances).
    public init(_ analysis: PerformanceAnalysis) {
        let instances = analysis.instances
        let names = instances.activityNames
        let n = max(1, names.count)
        var byActivity = [[Double]](repeating: [], count: n)
        var activityCases = [Int](repeating: 0, count: n)
        var byEdge: [Int: [Double]] = [:]
        var edgeCases: [Int: Int] = [:]
        var lastCase = [Int](repeating: -1, count: n)
        var lastEdgeCase: [Int: Int] = [:]
        for c in 0..<instances.caseCount {
            let range = instances.range(ofCase: c)
            guard range.count > 1 else { continue }
            for i in (range.lowerBound + 1)..<range.upperBound {
                let a = Int(instances.activity[i])
                let w = analysis.waitingSeconds[i]
                byActivity[a].append(w)
                if lastCase[a] != c { activityCases[a] += 1; lastCase[a] = c }
                let edge = Int(instances.activity[i - 1]) * n + a
                byEdge[edge, default: []].append(w)
                if lastEdgeCase[edge] != c { edgeCases[edge, default: 0] += 1; lastEdgeCase[edge] = c }
            }
        }
        let total = analysis.waitingSeconds.reduce(0, +)
        totalWaitingSeconds = total
        func make(_ activity: Int, from: Int?, waits: [Double], cases: Int) -> Bottleneck {
            let stats = DurationStatistics(waits)
            return Bottleneck(activity: names[activity], from: from.map { names[$0] }, frequency: waits.count,
                              cases: cases, totalWaitingSeconds: stats.totalSeconds,
                              shareOfWaiting: total > 0 ? stats.totalSeconds / total : 0, waiting: stats)
        }
        activities = (0..<names.count).filter { !byActivity[$0].isEmpty }
            .map { make($0, from: nil, waits: byActivity[$0], cases: activityCases[$0]) }
            .sorted(by: Self.worstFirst)
        edges = byEdge.map { key, waits in make(key % n, from: key / n, waits: waits, cases: edgeCases[key] ?? 0) }
            .sorted(by: Self.worstFirst)
    }

    /// Larger total waiting first; ties by frequency, then label, so the order is deterministic.
    static func worstFirst(_ a: Bottleneck, _ b: Bottleneck) -> Bool {
        if a.totalWaitingSeconds != b.totalWaitingSeconds { return a.totalWaitingSeconds > b.totalWaitingSeconds }
        if a.frequency != b.frequency { return a.frequency > b.frequency }
        return a.label < b.label
    }
}
