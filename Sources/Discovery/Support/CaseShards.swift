import TracewiseSupport

/// Splits a log's cases into contiguous shards and processes them on all cores.
///
/// Small logs run on the calling thread: below `minimumEventsPerShard` events per shard the cost of
/// scheduling outweighs the gain.
enum CaseShards {
    /// Events a shard should have at least before the work is split.
    static let minimumEventsPerShard = 200_000

    /// Runs `body` once per shard of `0..<caseOffsets.count - 1` and returns the results in shard order.
    static func map<T>(caseOffsets: [Int], _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let caseCount = caseOffsets.count - 1
        let eventCount = caseOffsets.last ?? 0
        let shardCount = max(1, min(ConcurrentWork.coreCount, eventCount / minimumEventsPerShard, caseCount))
        if shardCount == 1 { return [body(0..<caseCount)] }
        let bounds = shardBounds(caseOffsets: caseOffsets, shards: shardCount)
        return ConcurrentWork.map(shardCount) { shard in body(bounds[shard] ..< bounds[shard + 1]) }
    }

    /// Case boundaries that give each shard about the same number of events.
    private static func shardBounds(caseOffsets: [Int], shards: Int) -> [Int] {
        let caseCount = caseOffsets.count - 1
        let eventCount = caseOffsets.last ?? 0
        var bounds = [0]
        var c = 0
        for s in 1..<shards {
            let target = eventCount * s / shards
            while c < caseCount && caseOffsets[c] < target { c += 1 }
            bounds.append(max(c, bounds.last!))
        }
        bounds.append(caseCount)
        return bounds
    }
}
