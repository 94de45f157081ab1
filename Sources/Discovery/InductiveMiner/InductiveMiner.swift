import EventLog

/// The Inductive Miner family (Leemans): discovers a process tree by recursively finding a cut
/// (exclusive choice, sequence, concurrency, loop) in the directly-follows graph, splitting the log
/// accordingly, and falling back to fall-throughs when no cut exists.
///
/// - ``Variant/exact`` (IM) guarantees that every trace of the log is in the tree's language.
/// - ``Variant/infrequent(noiseThreshold:)`` (IMf) filters infrequent behaviour: empty traces below the
///   threshold are ignored and, when no cut exists, infrequent directly-follows edges are removed before
///   trying again.
/// - ``Variant/directlyFollows`` (IMd) works on a directly-follows graph alone, for logs too large to split.
///
/// Results follow PM4Py 2.7 (the project's oracle), including its tie-breaks; `docs/discovery.md` lists
/// where that differs from Leemans' thesis and ProM. The returned tree is folded (``ProcessTree/folded``)
/// and its unordered children are ordered as PM4Py orders them (``ProcessTree/pm4pyOrdered``).
///
/// ```swift
/// let log = try EventLog(contentsOf: url)
/// let tree = InductiveMiner(noise: 0.2).discover(from: log)
/// print(tree)   // ->( 'register request', ... )
/// ```
public struct InductiveMiner: Sendable {
    /// Which member of the family to run.
    public enum Variant: Sendable, Hashable {
        case exact
        case infrequent(noiseThreshold: Double)
        case directlyFollows
    }

    public var variant: Variant

    /// A miner of the given variant.
    public init(variant: Variant) {
        self.variant = variant
    }

    /// IM when `noise` is 0, IMf with that noise threshold otherwise (PM4Py's convention).
    public init(noise: Double = 0) {
        self.init(variant: noise > 0 ? .infrequent(noiseThreshold: noise) : .exact)
    }

    /// Discovers a tree from an event log (activities under the log's classifier, cases in time order).
    public func discover(from log: EventLog) -> ProcessTree {
        discover(from: VariantLog(log))
    }

    /// Discovers a tree from a variant log.
    public func discover(from log: VariantLog) -> ProcessTree {
        mine(log, .unwatched)
    }

    /// IMd on a directly-follows graph, whatever ``variant`` says.
    public func discover(from dfg: DirectlyFollowsGraph) -> ProcessTree {
        let (root, names) = Self.rootSubgraph(dfg)
        return mineGraph(root, names: names, .unwatched).folded.pm4pyOrdered
    }

    /// Discovers a tree from an event log, reporting the activities placed in the tree so far (each activity
    /// becomes one leaf) to `progress`, and stopping when the task running it is cancelled. The tree is the
    /// one `discover(from:)` returns.
    ///
    /// ```swift
    /// let tree = try InductiveMiner(noise: 0.2).discover(from: log, progress: { p in print(p.completed, "of", p.total ?? 0) })
    /// ```
    /// - Throws: `CancellationError` soon after the task is cancelled (checked at every recursion step).
    public func discover(from log: EventLog, progress: ProgressHandler?) throws -> ProcessTree {
        try Task.checkCancellation()
        return try discover(from: VariantLog(log), progress: progress)
    }

    /// Discovers a tree from a variant log, with progress and cancellation as for an event log.
    public func discover(from log: VariantLog, progress: ProgressHandler?) throws -> ProcessTree {
        let monitor = MiningMonitor<CancellationError>(progress: progress, phase: "discover",
                                                       total: log.alphabet.count, unit: "activities")
        let tree = try mine(log, monitor)
        monitor.meter?.finish()
        return tree
    }

    /// IMd on a directly-follows graph, with progress and cancellation as for an event log.
    public func discover(from dfg: DirectlyFollowsGraph, progress: ProgressHandler?) throws -> ProcessTree {
        let (root, names) = Self.rootSubgraph(dfg)
        let monitor = MiningMonitor<CancellationError>(progress: progress, phase: "discover",
                                                       total: root.graph.vertexCount, unit: "activities")
        let tree = try mineGraph(root, names: names, monitor).folded.pm4pyOrdered
        monitor.meter?.finish()
        return tree
    }

    private func mine<Failure>(_ log: VariantLog, _ monitor: MiningMonitor<Failure>) throws(Failure) -> ProcessTree {
        let tree: ProcessTree
        switch variant {
        case .exact:
            tree = try mineExact(log, monitor)
        case .infrequent(let noise):
            tree = try mineInfrequent(log, noise: noise, filteredGraph: nil, monitor)!
        case .directlyFollows:
            let graph = InductiveGraph(log)
            tree = try mineGraph(DirectlyFollowsSubgraph(graph: graph, skippable: log.count(of: []) > 0),
                                 names: log.activityNames, monitor)
        }
        return tree.folded.pm4pyOrdered
    }

    /// The graph IMd starts from, over the activities that occur in `dfg`, with codes in name order.
    private static func rootSubgraph(_ dfg: DirectlyFollowsGraph) -> (DirectlyFollowsSubgraph, names: [String]) {
        let (names, recode) = VariantLog.sortedCodes(dfg.activityNames)
        var isVertex = (0..<dfg.activityCount).map { dfg.startActivityCounts[$0] > 0 || dfg.endActivityCounts[$0] > 0 }
        for edge in dfg.edges {
            isVertex[edge.source] = true
            isVertex[edge.target] = true
        }
        let occurring = isVertex.indices.filter { isVertex[$0] }
        var graph = InductiveGraph(vertices: occurring.map { recode[$0] }.sorted(), activityCount: names.count)
        let m = graph.vertexCount
        for a in occurring {
            let i = Int(graph.localIndex[Int(recode[a])])
            graph.starts[i] = dfg.startActivityCounts[a]
            graph.ends[i] = dfg.endActivityCounts[a]
            for b in occurring {
                graph.edges[i * m + Int(graph.localIndex[Int(recode[b])])] = dfg.count(from: a, to: b)
            }
        }
        return (DirectlyFollowsSubgraph(graph: graph, skippable: dfg.emptyCaseCount > 0), names)
    }

    // MARK: IM

    private func mineExact<Failure>(_ log: VariantLog, _ monitor: MiningMonitor<Failure>) throws(Failure) -> ProcessTree {
        try monitor.step()
        let (emptyCount, rest) = EmptyTraces.split(log)
        if emptyCount > 0 {
            return rest.isEmpty ? .silent : .exclusiveChoice([.silent, try mineExact(rest, monitor)])
        }
        if let leaf = BaseCases.leaf(log) {
            monitor.placed(leaf)
            return leaf
        }
        let graph = InductiveGraph(log)
        let recurse = { (part: VariantLog) throws(Failure) in try self.mineExact(part, monitor) }
        if let (make, parts) = Self.findCut(log, graph) { return make(try parts.map(recurse)) }
        return try Self.fallThrough(log, recurse: recurse)
    }

    // MARK: IMf

    private func mineInfrequent<Failure>(_ original: VariantLog, noise: Double, filteredGraph: InductiveGraph?,
                                         _ monitor: MiningMonitor<Failure>) throws(Failure) -> ProcessTree? {
        try monitor.step()
        var log = original
        let recurse = { (part: VariantLog) throws(Failure) in
            try self.mineInfrequent(part, noise: noise, filteredGraph: nil, monitor)!
        }
        let (emptyCount, rest) = EmptyTraces.split(log)
        if emptyCount > 0 && !rest.isEmpty {
            if Double(emptyCount) > noise * Double(log.traceCount) {
                return .exclusiveChoice([.silent, try recurse(rest)])
            }
            log = rest
        }
        if let leaf = BaseCases.leaf(log) {
            monitor.placed(leaf)
            return leaf
        }
        let graph = filteredGraph ?? InductiveGraph(log)
        if let (make, parts) = Self.findCut(log, graph) { return make(try parts.map(recurse)) }
        guard filteredGraph == nil else { return nil }
        if let tree = try mineInfrequent(log, noise: noise, filteredGraph: NoiseFilter.filter(graph, noise: noise), monitor) {
            return tree
        }
        return try Self.fallThrough(log, recurse: recurse)
    }

    // MARK: Cuts and fall-throughs on logs

    /// The first cut that holds, in the order exclusive choice, sequence, concurrency, loop, with the log split.
    private static func findCut(_ log: VariantLog, _ graph: InductiveGraph)
        -> (([ProcessTree]) -> ProcessTree, [VariantLog])? {
        if let groups = ExclusiveChoiceCut.detect(graph) {
            return (ProcessTree.exclusiveChoice, ExclusiveChoiceCut.split(log, groups: groups))
        }
        if let groups = SequenceCut.detect(graph) {
            return (ProcessTree.sequence, SequenceCut.split(log, groups: groups))
        }
        if let groups = ConcurrencyCut.detect(graph) {
            return (ProcessTree.parallel, ConcurrencyCut.split(log, groups: groups))
        }
        if let groups = LoopCut.detect(graph) {
            return (ProcessTree.loop, LoopCut.split(log, groups: groups))
        }
        return nil
    }

    /// Whether any of the exact miner's cuts holds on `graph`.
    static func anyCutHolds(_ graph: InductiveGraph) -> Bool {
        ExclusiveChoiceCut.detect(graph) != nil || SequenceCut.detect(graph) != nil
            || ConcurrencyCut.detect(graph) != nil || LoopCut.detect(graph) != nil
    }

    /// The fall-throughs in PM4Py's order: activity once per trace, activity concurrent, strict tau loop,
    /// tau loop, flower model.
    private static func fallThrough<Failure>(_ log: VariantLog, recurse: (VariantLog) throws(Failure) -> ProcessTree)
        throws(Failure) -> ProcessTree {
        if let activity = ActivityOncePerTrace.candidate(log) {
            return .parallel(try ActivityOncePerTrace.split(log, activity: activity).map(recurse))
        }
        if let activity = ActivityConcurrent.candidate(log) {
            return .parallel(try ActivityConcurrent.split(log, activity: activity).map(recurse))
        }
        if let pieces = StrictTauLoop.split(log) {
            return .loop([try recurse(pieces), try recurse(log.emptied())])
        }
        if let pieces = TauLoop.split(log) {
            return .loop([try recurse(pieces), try recurse(log.emptied())])
        }
        return .loop([try recurse(log.emptied()), try recurse(FlowerModel.redoLog(log))])
    }

    // MARK: IMd

    private func mineGraph<Failure>(_ subgraph: DirectlyFollowsSubgraph, names: [String],
                                    _ monitor: MiningMonitor<Failure>) throws(Failure) -> ProcessTree {
        try monitor.step()
        if subgraph.skippable {
            let graph = subgraph.graph
            if graph.hasNoEdges && !graph.starts.contains(where: { $0 > 0 }) && !graph.ends.contains(where: { $0 > 0 }) {
                return .silent
            }
            var required = subgraph
            required.skippable = false
            return .exclusiveChoice([.silent, try mineGraph(required, names: names, monitor)])
        }
        if let leaf = BaseCases.leaf(subgraph, names: names) {
            monitor.placed(leaf)
            return leaf
        }
        let graph = subgraph.graph
        let recurse = { (part: DirectlyFollowsSubgraph) throws(Failure) in try self.mineGraph(part, names: names, monitor) }
        if let groups = ExclusiveChoiceCut.detect(graph) {
            return .exclusiveChoice(try ExclusiveChoiceCut.split(subgraph, groups: groups).map(recurse))
        }
        if let groups = SequenceCut.detect(graph) {
            return .sequence(try SequenceCut.split(subgraph, groups: groups).map(recurse))
        }
        if let groups = ConcurrencyCut.detect(graph) {
            return .parallel(try ConcurrencyCut.split(subgraph, groups: groups).map(recurse))
        }
        if let groups = LoopCut.detect(graph) {
            return .loop(try LoopCut.split(subgraph, groups: groups).map(recurse))
        }
        return .loop([.silent, try recurse(FlowerModel.redoGraph(subgraph))])
    }
}

private extension MiningMonitor {
    /// Records a leaf made by a base case: progress counts the activities placed (each becomes one leaf).
    func placed(_ leaf: ProcessTree) {
        if case .activity = leaf { meter?.advance() }
    }
}
