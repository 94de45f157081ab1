import Discovery
import EventLog

/// Precision by align-ETConformance, as PM4Py's `precision_alignments`.
///
/// Each proper prefix of the log is aligned using only synchronous moves and silent model moves (cost 1
/// each silent move); the markings in which an optimal such alignment can end are the states the prefix
/// leads to, and the visible transitions eventually enabled from them are the activated tasks. Prefixes
/// that cannot be aligned this way are left out, as in PM4Py. The empty prefix contributes as in
/// ``ETCPrecision``.
///
/// The markings at the end of every prefix are found level by level along the prefix tree: the cheapest
/// cost of every marking after `k` events seeds the silent closure after event `k + 1`.
public struct AlignETCPrecision: Sendable {
    /// Bound on the markings explored per prefix, for nets whose silent transitions generate tokens.
    public var markingLimit: Int
    /// Receives the log prefixes measured so far (nil by default). Measuring stops with `CancellationError`
    /// soon after its task is cancelled.
    public var progress: ProgressHandler?

    public init(markingLimit: Int = 1_000_000, progress: ProgressHandler? = nil) {
        self.markingLimit = markingLimit
        self.progress = progress
    }

    /// - Throws: ``ConformanceError`` `.emptyLog`, `.noInitialMarking`, `.noFinalMarking`, `.unboundedNet`;
    ///   `CancellationError`.
    public func precision(of log: EventLog, on net: PetriNet) throws -> Double {
        guard log.caseCount > 0 else { throw ConformanceError(.emptyLog, "the log has no cases") }
        let compiled = try CompiledNet(net)
        let variants = TraceVariants(log)
        let codes = TraceVariants.labelCodes(for: log, in: compiled)
        let tree = PrefixTree(variants)
        var reachability = SilentReachability(net: compiled)
        var counts = EscapingEdgeCounts()
        counts.addInitial(reachability.visibleLabels(from: compiled.initialMarking), codes: codes,
                          variants: variants, caseCount: log.caseCount)
        let root = silentClosure(seeds: [compiled.initialMarking: 0], net: compiled)
        var stack: [(node: Int, level: [[Int]: Int])] = [(0, root)]
        let meter = ProgressMeter(progress, phase: "precision", total: tree.nodes.count, unit: "prefixes")
        var visited = 0
        while let (node, level) = stack.popLast() {
            visited += 1
            if visited & 255 == 0 { try Task.checkCancellation() }
            meter?.advance()
            let entry = tree.nodes[node]
            if entry.depth > 0 && entry.continuing > 0, let best = level.values.min() {
                var labels = Set<Int32>()
                for (marking, cost) in level where cost == best {
                    labels.formUnion(reachability.visibleLabels(from: marking))
                }
                counts.add(activated: labels.sorted(), observed: entry.next, codes: codes, weight: entry.continuing)
            }
            for child in entry.children {
                let code = codes[Int(tree.nodes[child].activity)]
                var seeds: [[Int]: Int] = [:]
                if code >= 0 {
                    for (marking, cost) in level {
                        for t in 0..<compiled.transitionCount
                        where compiled.label[t] == code && compiled.isEnabled(t, in: marking) {
                            var next = marking
                            compiled.fire(t, in: &next)
                            if cost < seeds[next, default: Int.max] { seeds[next] = cost }
                        }
                    }
                }
                stack.append((child, seeds.isEmpty ? [:] : silentClosure(seeds: seeds, net: compiled)))
            }
        }
        try Task.checkCancellation()
        meter?.finish()
        return counts.precision
    }

    /// Cheapest cost of every marking reachable from the seeds by silent transitions (cost 1 each).
    private func silentClosure(seeds: [[Int]: Int], net: CompiledNet) -> [[Int]: Int] {
        var best = seeds
        var frontier = seeds.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
        var head = 0
        var buckets: [[([Int], Int)]] = []
        func enqueue(_ marking: [Int], _ cost: Int) {
            while buckets.count <= cost { buckets.append([]) }
            buckets[cost].append((marking, cost))
        }
        for (marking, cost) in frontier { enqueue(marking, cost) }
        frontier.removeAll()
        var level = 0
        while level < buckets.count && best.count < markingLimit {
            while head < buckets[level].count {
                let (marking, cost) = buckets[level][head]
                head += 1
                if best[marking, default: Int.max] < cost { continue }
                for t in 0..<net.transitionCount where net.label[t] < 0 && net.isEnabled(t, in: marking) {
                    var next = marking
                    net.fire(t, in: &next)
                    if cost + 1 < best[next, default: Int.max] {
                        best[next] = cost + 1
                        enqueue(next, cost + 1)
                    }
                }
            }
            level += 1
            head = 0
        }
        return best
    }
}
