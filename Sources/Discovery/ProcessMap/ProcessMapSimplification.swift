import EventLog

/// Disco/Celonis-style map simplification: keep the most frequent activities and the most frequent paths
/// while every kept activity stays on a path from start to end.
///
/// 1. Activities are ranked by frequency; the top `activityPercentage` % (rounded up, at least one) are
///    kept and the log is projected onto them (events of other activities are removed, so new
///    directly-follows paths appear between the kept activities, as in Disco).
/// 2. All paths of the projected log — including start → first activity and last activity → end — are
///    ranked by frequency and the top `pathPercentage` % (rounded up) are kept.
/// 3. Connectivity is restored greedily: while a kept activity is not reachable from start, the most
///    frequent path from a reachable node to an unreachable one is added back; likewise, while one cannot
///    reach end, the most frequent path from it (or any node that cannot reach end) to a node that can.
///
/// ```swift
/// let map = ProcessMapSimplification(activityPercentage: 80, pathPercentage: 50).map(of: log)
/// ```
public struct ProcessMapSimplification: Sendable {
    public var activityPercentage: Double
    public var pathPercentage: Double

    /// Percentages are clamped to 0...100.
    public init(activityPercentage: Double = 100, pathPercentage: Double = 100) {
        self.activityPercentage = min(100, max(0, activityPercentage))
        self.pathPercentage = min(100, max(0, pathPercentage))
    }

    /// The simplified map of `log`.
    public func map(of log: EventLog) -> ProcessMap {
        let full = DirectlyFollowsGraph(log)
        let ranked = full.occurringActivities.sorted {
            full.activityCounts[$0] != full.activityCounts[$1]
                ? full.activityCounts[$0] > full.activityCounts[$1] : full.activityNames[$0] < full.activityNames[$1]
        }
        let keepCount = ranked.isEmpty ? 0 : max(1, Int((Double(ranked.count) * activityPercentage / 100).rounded(.up)))
        var keep = Array(repeating: false, count: full.activityCount)
        for code in ranked.prefix(keepCount) { keep[code] = true }
        let projected = keepCount == ranked.count ? log : log.selectingEvents { keep[Int(log.activityCodes[$0])] }
        let ordered = TimeOrderedActivities(projected)
        let dfg = DirectlyFollowsGraph(ordered, activityNames: projected.activityNames)
        let performance = PerformanceDirectlyFollowsGraph(ordered, activityNames: projected.activityNames)
        var mean: [Int: Double] = [:]
        var waitingTotal = Array(repeating: 0.0, count: dfg.activityCount), waitingCount = Array(repeating: 0, count: dfg.activityCount)
        for edge in performance.edges where edge.count > 0 {
            mean[edge.source * dfg.activityCount + edge.target] = edge.meanSeconds
            waitingTotal[edge.target] += edge.totalSeconds
            waitingCount[edge.target] += edge.count
        }

        var candidates: [ProcessMap.Path] = []
        for a in 0..<dfg.activityCount where dfg.startActivityCounts[a] > 0 {
            candidates.append(.init(source: .start, target: .activity(a), count: dfg.startActivityCounts[a], meanSeconds: nil))
        }
        for edge in dfg.edges {
            candidates.append(.init(source: .activity(edge.source), target: .activity(edge.target), count: edge.count,
                                    meanSeconds: mean[edge.source * dfg.activityCount + edge.target]))
        }
        for a in 0..<dfg.activityCount where dfg.endActivityCounts[a] > 0 {
            candidates.append(.init(source: .activity(a), target: .end, count: dfg.endActivityCounts[a], meanSeconds: nil))
        }
        candidates.sort { $0.count != $1.count ? $0.count > $1.count : ($0.source, $0.target) < ($1.source, $1.target) }
        let pathCount = candidates.isEmpty ? 0 : Int((Double(candidates.count) * pathPercentage / 100).rounded(.up))
        var kept = Array(repeating: false, count: candidates.count)
        for i in 0..<pathCount { kept[i] = true }
        let activities = dfg.occurringActivities
        restoreConnectivity(&kept, candidates, activities: activities)

        let mapActivities = activities.map { a in
            ProcessMap.Activity(code: a, name: dfg.activityNames[a], count: dfg.activityCounts[a],
                                meanWaitingSeconds: waitingCount[a] > 0 ? waitingTotal[a] / Double(waitingCount[a]) : nil)
        }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
        return ProcessMap(activities: mapActivities, paths: candidates.indices.filter { kept[$0] }.map { candidates[$0] },
                          caseCount: log.caseCount, totalActivityCount: ranked.count,
                          totalPathCount: full.edges.count + full.startActivities.count + full.endActivities.count)
    }

    /// Adds back the most frequent candidate paths until every activity is reachable from start and
    /// reaches end. Candidates are sorted by frequency, so the first fitting one is the strongest.
    private func restoreConnectivity(_ kept: inout [Bool], _ candidates: [ProcessMap.Path], activities: [Int]) {
        let nodes: [ProcessMap.Endpoint] = [.start, .end] + activities.map { .activity($0) }
        while true {
            let reachable = closure(from: .start, kept, candidates, forward: true)
            guard nodes.contains(where: { !reachable.contains($0) }) else { break }
            guard let add = candidates.indices.first(where: { !kept[$0] && reachable.contains(candidates[$0].source)
                && !reachable.contains(candidates[$0].target) }) else { break }
            kept[add] = true
        }
        while true {
            let reaching = closure(from: .end, kept, candidates, forward: false)
            guard nodes.contains(where: { !reaching.contains($0) }) else { break }
            guard let add = candidates.indices.first(where: { !kept[$0] && reaching.contains(candidates[$0].target)
                && !reaching.contains(candidates[$0].source) }) else { break }
            kept[add] = true
        }
    }

    private func closure(from root: ProcessMap.Endpoint, _ kept: [Bool], _ candidates: [ProcessMap.Path],
                         forward: Bool) -> Set<ProcessMap.Endpoint> {
        var seen: Set<ProcessMap.Endpoint> = [root]
        var stack = [root]
        while let node = stack.popLast() {
            for (i, path) in candidates.enumerated() where kept[i] {
                let (from, to) = forward ? (path.source, path.target) : (path.target, path.source)
                if from == node, seen.insert(to).inserted { stack.append(to) }
            }
        }
        return seen
    }
}
