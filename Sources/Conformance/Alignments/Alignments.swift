import Discovery
import EventLog
import Foundation

/// Optimal alignments of a log on a Petri net: one A* search per variant over the synchronous product,
/// with the marking-equation heuristic, variants spread across cores.
///
/// ```swift
/// let result = try await Alignments().align(log, on: net)
/// for variant in result.variants { print(variant.activities, variant.alignment?.cost ?? -1) }
/// print(result.logFitness)
/// ```
public struct Alignments: Sendable {
    /// The cost function (standard by default).
    public var costs: AlignmentCosts
    /// Per trace: the search stops with ``AlignmentStatus/stateLimitExceeded`` beyond this many states.
    public var stateLimit: Int
    /// Per trace: the search stops with ``AlignmentStatus/timeLimitExceeded`` after this long (nil: none).
    public var timeLimit: Duration?
    /// How many searches run at once (defaults to the active processor count).
    public var maximumConcurrency: Int
    /// Whether A* uses the marking-equation heuristic; without it the search is a plain Dijkstra
    /// (the exhaustive reference the property tests compare against).
    package var usesHeuristic = true
    /// Whether nets with a small reachability graph are searched over it (``ReachabilityProductSearch``)
    /// rather than with the marking-equation heuristic; the property tests check both searches.
    package var usesReachabilityProduct = true
    /// Receives the variants aligned so far (nil by default). Aligning stops with `CancellationError` soon
    /// after its task is cancelled: no new variant starts and running searches give up.
    public var progress: ProgressHandler?

    public init(costs: AlignmentCosts = .standard, stateLimit: Int = 5_000_000, timeLimit: Duration? = nil,
                maximumConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.costs = costs
        self.stateLimit = stateLimit
        self.timeLimit = timeLimit
        self.maximumConcurrency = max(1, maximumConcurrency)
    }

    /// Aligns every variant of `log` on `net`.
    ///
    /// - Throws: ``ConformanceError`` `.emptyLog`, `.noInitialMarking`, `.noFinalMarking`, `.unboundedNet`,
    ///   `.invalidCostFunction`, or `.unreachableFinalMarking` when no run of the net reaches its final
    ///   marking. Variants whose search hits a limit are reported with that status, not thrown.
    public func align(_ log: EventLog, on net: PetriNet) async throws -> AlignmentResult {
        guard log.caseCount > 0 else { throw ConformanceError(.emptyLog, "the log has no cases") }
        let context = try AlignmentContext(net: net, costs: costs, stateLimit: stateLimit, timeLimit: timeLimit,
                                           usesHeuristic: usesHeuristic,
                                           usesReachabilityProduct: usesReachabilityProduct)
        let variants = TraceVariants(log)
        let names = log.activityNames
        let traces = variants.sequences.map { $0.map { names[Int($0)] } }
        let meter = ProgressMeter(progress, phase: "align", total: traces.count, unit: "variants")
        let results = await context.alignAll(traces, concurrency: maximumConcurrency, meter: meter)
        try Task.checkCancellation()
        meter?.finish()
        let aligned = results.enumerated().map { v, result in
            VariantAlignment(activities: traces[v], cases: variants.cases[v], status: result.status,
                             alignment: result.alignment)
        }
        return AlignmentResult(variants: aligned, caseCount: log.caseCount,
                               cheapestModelRunCost: context.cheapestModelRunCost, costs: costs)
    }

    /// Aligns one trace given as activity names.
    ///
    /// - Throws: as ``align(_:on:)``, and `CancellationError` when the task was cancelled during the search.
    public func align(trace activities: [String], on net: PetriNet) throws -> VariantAlignment {
        let context = try AlignmentContext(net: net, costs: costs, stateLimit: stateLimit, timeLimit: timeLimit,
                                           usesHeuristic: usesHeuristic,
                                           usesReachabilityProduct: usesReachabilityProduct)
        var programs = MarkingEquationPrograms()
        let result = context.align(activities, programs: &programs)
        try Task.checkCancellation()
        return VariantAlignment(activities: activities, cases: [], status: result.status, alignment: result.alignment)
    }
}

/// Everything the searches share: the compiled net, the resolved costs, the net's label order and the
/// cost of the cheapest run.
struct AlignmentContext: Sendable {
    let net: CompiledNet
    let costs: AlignmentCosts
    let modelCost: [Int]
    let syncCost: [Int]
    /// For ``OrderingBound``; nil when the net's reachable markings are too many to list.
    let orderingFacts: OrderingBound.NetFacts?
    let stateLimit: Int
    let timeLimit: Duration?
    let usesHeuristic: Bool
    let usesReachabilityProduct: Bool
    private(set) var cheapestModelRunCost = 0

    init(net petriNet: PetriNet, costs: AlignmentCosts, stateLimit: Int, timeLimit: Duration?,
         usesHeuristic: Bool = true, usesReachabilityProduct: Bool = true) throws {
        try costs.validate()
        net = try CompiledNet(petriNet)
        self.costs = costs
        let compiled = net
        modelCost = (0..<compiled.transitionCount).map { t in
            costs.modelMoveByTransition[compiled.transitionIDs[t]]
                ?? (compiled.label[t] < 0 ? costs.silentModelMove : costs.visibleModelMove)
        }
        syncCost = (0..<compiled.transitionCount).map { t in
            costs.synchronousMoveByTransition[compiled.transitionIDs[t]] ?? costs.synchronousMove
        }
        orderingFacts = usesHeuristic ? OrderingBound.NetFacts(net: compiled, modelCost: modelCost, syncCost: syncCost) : nil
        self.stateLimit = stateLimit
        self.timeLimit = timeLimit
        self.usesHeuristic = usesHeuristic
        self.usesReachabilityProduct = usesReachabilityProduct
        if let distance = orderingFacts?.segments?.toFinal[0] {
            // The empty trace's optimal alignment is a shortest path on the reachability graph (state 0 is
            // the initial marking): no search, hence no search limit, is needed.
            guard distance != Int.max else {
                throw ConformanceError(.unreachableFinalMarking, "no run of the net reaches its final marking")
            }
            cheapestModelRunCost = distance
            return
        }
        var programs = MarkingEquationPrograms()
        let empty = search().align(trace: [], logCosts: [], programs: &programs)
        try Task.checkCancellation()
        switch empty.status {
        case .optimal:
            cheapestModelRunCost = empty.cost
        case .unreachableFinalMarking:
            throw ConformanceError(.unreachableFinalMarking, "no run of the net reaches its final marking")
        case .stateLimitExceeded, .timeLimitExceeded:
            throw ConformanceError(.searchLimitExceeded,
                                   "the cheapest run to the final marking was not found within the search limits")
        }
    }

    func search() -> SynchronousProductSearch {
        var search = SynchronousProductSearch(net: net, modelCost: modelCost, syncCost: syncCost)
        search.orderingFacts = orderingFacts
        search.stateLimit = stateLimit
        search.timeLimit = timeLimit
        search.usesHeuristic = usesHeuristic
        search.usesReachabilityProduct = usesReachabilityProduct
        return search
    }

    func logCost(of activity: String) -> Int {
        costs.logMoveByActivity[activity] ?? costs.logMove
    }

    /// Aligns one trace of activity names, reusing (and adding to) `programs`.
    func align(_ activities: [String],
               programs: inout MarkingEquationPrograms) -> (status: AlignmentStatus, alignment: Alignment?) {
        let codes = activities.map { net.labelCode(of: $0) ?? -1 }
        let logCosts = activities.map(logCost(of:))
        let outcome = search().align(trace: codes, logCosts: logCosts, programs: &programs)
        guard outcome.status == .optimal else { return (outcome.status, nil) }
        let moves = outcome.steps.map { step -> AlignmentMove in
            switch step.kind {
            case .synchronous:
                return AlignmentMove(kind: .synchronous, activity: activities[step.eventIndex],
                                     label: activities[step.eventIndex], transition: net.transitionIDs[step.transition],
                                     eventIndex: step.eventIndex, isSilent: false, cost: syncCost[step.transition])
            case .log:
                return AlignmentMove(kind: .log, activity: activities[step.eventIndex], label: nil, transition: nil,
                                     eventIndex: step.eventIndex, isSilent: false, cost: logCosts[step.eventIndex])
            case .model:
                let code = net.label[step.transition]
                return AlignmentMove(kind: .model, activity: nil, label: code < 0 ? nil : net.labelNames[Int(code)],
                                     transition: net.transitionIDs[step.transition], eventIndex: nil,
                                     isSilent: code < 0, cost: modelCost[step.transition])
            }
        }
        let bestWorst = logCosts.reduce(0, +) + cheapestModelRunCost
        let alignment = Alignment(moves: moves, cost: outcome.cost,
                                  fitness: fitness(cost: outcome.cost, bestWorstCost: bestWorst),
                                  bestWorstCost: bestWorst, visitedStates: outcome.visited,
                                  queuedStates: outcome.queued, solvedLinearPrograms: outcome.solvedLinearPrograms)
        return (.optimal, alignment)
    }

    /// PM4Py integer-divides cost and best worst cost by 10,000 under the standard costs; other cost
    /// functions use the plain ratio.
    func fitness(cost: Int, bestWorstCost: Int) -> Double {
        if costs.isStandard {
            let denominator = bestWorstCost / 10_000
            return denominator > 0 ? 1 - Double(cost / 10_000) / Double(denominator) : 0
        }
        guard bestWorstCost > 0 else { return cost == 0 ? 1 : 0 }
        return 1 - Double(cost) / Double(bestWorstCost)
    }

    /// Aligns all traces, at most `concurrency` at a time, keeping their order. Each running search takes
    /// the marking-equation programs its predecessor handed back, so programs and their simplex bases are
    /// reused across variants without being shared between threads. Once the task is cancelled no new search
    /// starts (the running ones give up too); the caller then throws.
    func alignAll(_ traces: [[String]], concurrency: Int,
                  meter: ProgressMeter? = nil) async -> [(status: AlignmentStatus, alignment: Alignment?)] {
        var results = Array<(status: AlignmentStatus, alignment: Alignment?)>(
            repeating: (.optimal, nil), count: traces.count)
        await withTaskGroup(of: (Int, AlignmentStatus, Alignment?, MarkingEquationPrograms).self) { group in
            var next = 0
            // The programs move into the task (a captured `var`, not a copy of a captured `let`), so their
            // simplex tableaus and search buffers are uniquely referenced there and reused in place.
            func submit(_ handed: consuming MarkingEquationPrograms) {
                let index = next
                next += 1
                var programs = handed
                group.addTask {
                    let result = self.align(traces[index], programs: &programs)
                    return (index, result.status, result.alignment, programs)
                }
            }
            while next < min(concurrency, traces.count) { submit(MarkingEquationPrograms()) }
            for await (index, status, alignment, programs) in group {
                results[index] = (status, alignment)
                meter?.advance()
                if next < traces.count && !Task.isCancelled { submit(programs) }
            }
        }
        return results
    }
}
