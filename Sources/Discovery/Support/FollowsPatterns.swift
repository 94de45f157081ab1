import EventLog

/// Order-sensitive facts about time-ordered traces that the Alpha and Heuristics miners need beyond the
/// directly-follows counts: the order in which each directly-follows pair first appears (PM4Py iterates its
/// DFG dictionary in that order, which the Alpha miner's pair extension depends on) and the counts of
/// length-two loop patterns `a b a`.
struct FollowsPatterns {
    /// Directly-follows pairs `(source, target)` in order of first appearance in the log.
    var pairOrder: [ActivityPair] = []
    /// `loopTwoCounts[a * n + b]`: how often `a b a` occurs (a ≠ b), PM4Py's frequency triples with a == c.
    var loopTwoCounts: [Int]

    init(_ ordered: TimeOrderedActivities, activityCount n: Int) {
        loopTwoCounts = Array(repeating: 0, count: n * n)
        var seen = Array(repeating: false, count: n * n)
        let codes = ordered.activityCodes
        for c in 0..<ordered.caseCount {
            let first = ordered.caseOffsets[c], end = ordered.caseOffsets[c + 1]
            guard end - first >= 2 else { continue }
            for e in (first + 1)..<end {
                let a = Int(codes[e - 1]), b = Int(codes[e])
                if !seen[a * n + b] {
                    seen[a * n + b] = true
                    pairOrder.append(ActivityPair(source: a, target: b))
                }
                if e - 2 >= first, Int(codes[e - 2]) == b, a != b { loopTwoCounts[b * n + a] += 1 }
            }
        }
    }
}
