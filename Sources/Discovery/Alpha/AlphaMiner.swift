import EventLog

/// The classic Alpha miner (van der Aalst, Weijters, Maruster 2004), as PM4Py implements it.
///
/// From the directly-follows relation it derives causality (`a → b`: `a > b` and not `b > a`), parallelism
/// (`a > b` and `b > a`) and choice (neither); places are the maximal pairs `(A, B)` with `A × B` causal and
/// `A`, `B` each free of internal relations. Activities in a length-one loop are left out of places, as
/// PM4Py does. A `start` place feeds the start activities, an `end` place collects the end activities.
///
/// ```swift
/// let net = AlphaMiner().discover(from: log)   // initial [start: 1], final [end: 1]
/// ```
public struct AlphaMiner: Sendable {
    public init() {}

    /// Discovers a Petri net with initial and final marking from `log`.
    public func discover(from log: EventLog) -> PetriNet {
        let (dfg, pairOrder) = Self.relations(log)
        return discover(from: dfg, pairOrder: pairOrder)
    }

    /// Discovers the net ``discover(from:pairOrder:)`` gives for `log`, reporting the causal pairs grown into
    /// places so far to `progress` (the growing is the part that is quadratic in the pairs), and stopping when
    /// the task running it is cancelled.
    ///
    /// ```swift
    /// let net = try AlphaMiner().discover(from: log, progress: { p in print(p.completed, "of", p.total ?? 0) })
    /// ```
    /// - Throws: `CancellationError` soon after the task is cancelled (checked before each pair is grown).
    public func discover(from log: EventLog, progress: ProgressHandler?) throws -> PetriNet {
        try Task.checkCancellation()
        let (dfg, pairOrder) = Self.relations(log)
        let seeds = causalSeeds(dfg, order: pairOrder)
        let monitor = MiningMonitor<CancellationError>(progress: progress, phase: "discover", total: seeds.count, unit: "pairs")
        let net = try places(dfg, seeds: seeds, monitor)
        monitor.meter?.finish()
        return net
    }

    /// Discovers a Petri net from a directly-follows graph. `pairOrder` is the order in which the causal
    /// pairs are grown into places (PM4Py's: first appearance in the log); by default the edge order.
    public func discover(from dfg: DirectlyFollowsGraph, pairOrder: [ActivityPair]? = nil) -> PetriNet {
        let order = pairOrder ?? dfg.edges.map { ActivityPair(source: $0.source, target: $0.target) }
        return places(dfg, seeds: causalSeeds(dfg, order: order), .unwatched)
    }

    /// The directly-follows graph of `log` and its pairs in order of first appearance.
    private static func relations(_ log: EventLog) -> (DirectlyFollowsGraph, [ActivityPair]) {
        let ordered = TimeOrderedActivities(log)
        let dfg = DirectlyFollowsGraph(ordered, activityNames: log.activityNames)
        let patterns = FollowsPatterns(ordered, activityCount: log.activityNames.count)
        return (dfg, patterns.pairOrder)
    }

    /// The causal pairs `({a}, {b})` between activities without self-loops, in `order`: the places are grown from them.
    private func causalSeeds(_ dfg: DirectlyFollowsGraph, order: [ActivityPair]) -> [(Set<Int>, Set<Int>)] {
        let follows = { (a: Int, b: Int) in dfg.count(from: a, to: b) > 0 }
        return order
            .filter { follows($0.source, $0.target) && !follows($0.target, $0.source)
                && !follows($0.source, $0.source) && !follows($0.target, $0.target) }
            .map { ([$0.source], [$0.target]) }
    }

    /// Grows the seeds into maximal places and builds the net; one monitor step per seed.
    private func places<Failure>(_ dfg: DirectlyFollowsGraph, seeds: [(Set<Int>, Set<Int>)],
                                 _ monitor: MiningMonitor<Failure>) throws(Failure) -> PetriNet {
        let n = dfg.activityCount
        let follows = { (a: Int, b: Int) in dfg.count(from: a, to: b) > 0 }
        let causal = { (a: Int, b: Int) in follows(a, b) && !follows(b, a) }
        let related = { (a: Int, b: Int) in follows(a, b) || follows(b, a) }

        var pairs = seeds
        let initialCount = pairs.count
        for i in 0..<initialCount {
            try monitor.step()
            let t1 = pairs[i]
            var j = i
            let end = pairs.count
            while j < end {
                let t2 = pairs[j]
                j += 1
                guard t1 != t2, t1.0.isSubset(of: t2.0) || t1.1.isSubset(of: t2.1) else { continue }
                guard !anyRelated(t1.0, t2.0, related), !anyRelated(t1.1, t2.1, related) else { continue }
                let merged = (t1.0.union(t2.0), t1.1.union(t2.1))
                guard !pairs.contains(where: { $0 == merged }),
                      merged.0.allSatisfy({ a in merged.1.allSatisfy { b in causal(a, b) } }) else { continue }
                pairs.append(merged)
            }
            monitor.meter?.advance()
        }
        try monitor.step()
        let maximal = pairs.enumerated().filter { index, pair in
            !pairs.enumerated().contains { other, alt in
                other != index && alt != pair && pair.0.isSubset(of: alt.0) && pair.1.isSubset(of: alt.1)
            }
        }.map(\.element)
        return buildNet(dfg, places: maximal, activityCount: n)
    }

    /// PM4Py's `__check_is_unrelated` inverted: whether any pair across `x` and `y` (either direction) is
    /// causal or parallel, i.e. directly-follows related.
    private func anyRelated(_ x: Set<Int>, _ y: Set<Int>, _ related: (Int, Int) -> Bool) -> Bool {
        x.contains { a in y.contains { b in related(a, b) } }
    }

    private func buildNet(_ dfg: DirectlyFollowsGraph, places pairs: [(Set<Int>, Set<Int>)], activityCount n: Int) -> PetriNet {
        var net = PetriNet(name: "alpha_classic_net")
        var transitionOf = Array(repeating: -1, count: n)
        for a in dfg.occurringActivities {
            transitionOf[a] = net.addTransition(id: dfg.activityNames[a], label: dfg.activityNames[a])
        }
        let start = net.addPlace(id: "start"), end = net.addPlace(id: "end")
        for a in 0..<n where dfg.startActivityCounts[a] > 0 {
            net.addArc(from: .place(start), to: .transition(transitionOf[a]))
        }
        for a in 0..<n where dfg.endActivityCounts[a] > 0 {
            net.addArc(from: .transition(transitionOf[a]), to: .place(end))
        }
        for (inputs, outputs) in pairs {
            let describe = { (set: Set<Int>) in set.map { "'\(dfg.activityNames[$0])'" }.sorted().joined(separator: ", ") }
            let place = net.addPlace(id: "({\(describe(inputs))}, {\(describe(outputs))})")
            for a in inputs.sorted() { net.addArc(from: .transition(transitionOf[a]), to: .place(place)) }
            for b in outputs.sorted() { net.addArc(from: .place(place), to: .transition(transitionOf[b])) }
        }
        net.initialMarking = [start: 1]
        net.finalMarking = [end: 1]
        return net
    }
}
