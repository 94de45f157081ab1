/// A* over the synchronous product of one trace and a Petri net, returning an optimal alignment.
///
/// A search state is a model marking and the number of events consumed; moves are log moves (consume an
/// event), model moves (fire a transition) and synchronous moves (fire a transition labelled like the
/// next event and consume it). The goal is the final marking with every event consumed.
///
/// The heuristic is the larger of ``MarkingEquationHeuristic`` and ``OrderingBound`` (both admissible and
/// consistent, so is their maximum: the first goal popped is optimal and closed states are never
/// reopened). As in PM4Py and ProM, a child's LP bound is derived from its parent's LP solution when the
/// move taken has value ≥ 1 in it (then `x − e_move` is optimal for the child and no LP is solved);
/// otherwise the child is queued with a lower bound and its LP is solved only when it is popped. That bound
/// is `h(parent) − cost` plus the move's reduced cost in the parent's optimal basis (weak duality: the
/// parent's duals are feasible for the child's right-hand side too), which is what most such children's LPs
/// rise by, so they no longer tie with their parent's `f` only to be solved and re-queued. Ties on `f`
/// prefer states that consumed more events. With `usesHeuristic == false` the same code is a plain
/// Dijkstra search.
struct SynchronousProductSearch {
    struct Step {
        enum Kind { case synchronous, log, model }
        var kind: Kind
        var transition: Int
        var eventIndex: Int
    }

    struct Outcome {
        var status: AlignmentStatus
        var cost: Int
        var steps: [Step]
        var visited: Int
        var queued: Int
        var solvedLinearPrograms: Int
    }

    let net: CompiledNet
    let modelCost: [Int]
    let syncCost: [Int]
    /// The net's part of ``OrderingBound`` (nil: that bound is not used).
    var orderingFacts: OrderingBound.NetFacts?
    var usesHeuristic = true
    /// Whether traces whose product with the net's reachability graph is small enough are aligned by
    /// ``ReachabilityProductSearch`` instead (with the heuristic only; tests turn it off to check this search).
    var usesReachabilityProduct = true
    var stateLimit = 5_000_000
    var timeLimit: Duration? = nil

    /// Aligns `trace`, taking its marking-equation program from `programs` (or building it) and keeping
    /// it there afterwards for the next trace over the same activities.
    ///
    /// When the net's reachability graph is known and its product with the trace is small, the trace is
    /// aligned by ``ReachabilityProductSearch``, unless the root's marking-equation solution already orders
    /// into a run (see ``realizeAtRoot(trace:logCosts:ordering:programs:)``).
    func align(trace: [Int32], logCosts: [Int], programs: inout MarkingEquationPrograms) -> Outcome {
        if usesHeuristic, usesReachabilityProduct, let facts = orderingFacts,
           facts.graph.markings.count * (trace.count + 1) <= ReachabilityProductSearch.maximumProduct {
            let ordering = OrderingBound(facts: facts, trace: trace, logCosts: logCosts)
            if let outcome = realizeAtRoot(trace: trace, logCosts: logCosts, ordering: ordering, programs: &programs) {
                return outcome
            }
            let search = ReachabilityProductSearch(
                facts: facts, label: net.label, modelCost: modelCost, syncCost: syncCost, stateLimit: stateLimit,
                deadline: timeLimit.map { ContinuousClock.now + $0 })
            return search.align(trace: trace, logCosts: logCosts, ordering: ordering)
        }
        var heuristic = makeHeuristic(for: trace, logCosts: logCosts, programs: &programs)
        var run = Run(search: self, trace: trace, logCosts: logCosts, heuristic: heuristic,
                      buffers: programs.takeBuffers())
        let outcome = run.execute()
        heuristic = run.heuristic
        programs.keep(run.buffers())
        programs.keep(heuristic.program)
        return outcome
    }

    /// The marking-equation heuristic of `trace`, on its program from `programs` (or a new one).
    private func makeHeuristic(for trace: [Int32], logCosts: [Int],
                           programs: inout MarkingEquationPrograms) -> MarkingEquationHeuristic {
        let activities = MarkingEquationHeuristic.activities(of: trace)
        let program = programs.take(activities) ?? MarkingEquationProgram(
            net: net, activities: activities,
            logCost: activities.map { code in logCosts[trace.firstIndex(of: code)!] },
            modelCost: modelCost, syncCost: syncCost)
        return MarkingEquationHeuristic(program: program, trace: trace, logCosts: logCosts)
    }

    /// One marking-equation solve at the initial state, ordered into a run by ``SolutionRealization``: such a
    /// run costs the LP bound, which no alignment can beat, so it is optimal. Tried only when the LP bound is
    /// at least the ordering bound (else no run can cost it); nil when it does not apply. This finishes most
    /// fitting traces, which the graph search would reach only after exploring the ties among their many
    /// equally cheap interleavings.
    private func realizeAtRoot(trace: [Int32], logCosts: [Int], ordering: OrderingBound,
                               programs: inout MarkingEquationPrograms) -> Outcome? {
        var heuristic = makeHeuristic(for: trace, logCosts: logCosts, programs: &programs)
        defer { programs.keep(heuristic.program) }
        let marking = net.initialMarking.map { Int32(clamping: $0) }
        let estimate = marking.withUnsafeBufferPointer { initial in
            heuristic.estimate(marking: initial, final: net.finalMarking, position: 0)
        }
        guard let estimate, estimate >= ordering.estimate(node: 0, position: 0) else { return nil }
        var columns: [Int32] = [], values: [Double] = []
        for (j, value) in heuristic.solution.enumerated() where value > 1e-9 {
            columns.append(Int32(j))
            values.append(value)
        }
        var realization = SolutionRealization(net: net, trace: trace, heuristic: heuristic)
        guard let steps = realization.run(from: marking[...], position: 0, solutionColumns: columns[...],
                                          solutionValues: values[...]) else { return nil }
        return Outcome(status: .optimal, cost: estimate, steps: steps, visited: 1, queued: 1, solvedLinearPrograms: 1)
    }

    struct Entry: HeapOrdered {
        var f: Int
        var position: Int32
        var h: Int
        var g: Int
        var state: Int32

        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            if f != other.f { return f < other.f }
            if position != other.position { return position > other.position }
            return h < other.h
        }
    }

    private struct Run {
        let net: CompiledNet
        let modelCost: [Int]
        let syncCost: [Int]
        let usesHeuristic: Bool
        let stateLimit: Int
        let deadline: ContinuousClock.Instant?
        let trace: [Int32]
        let logCosts: [Int]
        let places: Int
        var heuristic: MarkingEquationHeuristic
        let ordering: OrderingBound?
        var realization: SolutionRealization

        var markings: [Int32]
        var positions: [Int32]
        var g: [Int]
        /// The heuristic: the larger of the LP bound and the ordering bound.
        var h: [Int]
        /// The marking-equation bound: the LP optimum when `trusted`, else a lower bound on it.
        var lp: [Int]
        var orderBound: [Int]
        var trusted: [Bool]
        var closed: [Bool]
        var parents: [Int32]
        var moves: [Int32]
        /// Per state: its key, `Σ tokens(p) × placeKeys[p] + position × positionKey` (wrapping), so that a
        /// move changes it by a constant (`transitionKeys[t]`, `positionKey`) and a child's key costs O(1).
        var keys: [UInt64]
        let placeKeys: [UInt64]
        let transitionKeys: [UInt64]
        static let positionKey: UInt64 = 0x9E37_79B9_7F4A_7C15
        var solutionStart: [Int32]
        var solutionCount: [Int32]
        /// Whether the state's LP solution was solved for it (not inherited from its parent).
        var freshSolution: [Bool]
        /// Per state: the offset in `bonuses` of its LP's rounded reduced costs (one per LP column), or -1.
        /// Children with an inherited solution share their parent's (the parent's duals stay optimal).
        var bonusStart: [Int32]
        var bonuses: [Int32]
        /// The state whose optimal basis the simplex holds (its reduced costs can be read), or -1.
        var basisState = -1
        var solutionColumns: [Int32]
        var solutionValues: [Double]
        var slots: [Int64]
        var heap: BinaryHeap<Entry>
        var scratch: [Int32]
        var visited = 0
        var queued = 0
        /// The `f` of the last realization attempt, and how many attempts at that `f` failed.
        var realizationLevel = -1
        var failedRealizations = 0
        static let realizationsPerLevel = 8

        /// - Parameter buffers: empty, from ``MarkingEquationPrograms/takeBuffers()``.
        init(search: SynchronousProductSearch, trace: [Int32], logCosts: [Int], heuristic: MarkingEquationHeuristic,
             buffers: MarkingSearchBuffers) {
            markings = buffers.markings
            positions = buffers.positions
            g = buffers.g
            h = buffers.h
            lp = buffers.lp
            orderBound = buffers.orderBound
            trusted = buffers.trusted
            closed = buffers.closed
            parents = buffers.parents
            moves = buffers.moves
            keys = buffers.keys
            solutionStart = buffers.solutionStart
            solutionCount = buffers.solutionCount
            freshSolution = buffers.freshSolution
            bonusStart = buffers.bonusStart
            bonuses = buffers.bonuses
            solutionColumns = buffers.solutionColumns
            solutionValues = buffers.solutionValues
            slots = buffers.slots
            heap = buffers.heap
            net = search.net
            modelCost = search.modelCost
            syncCost = search.syncCost
            usesHeuristic = search.usesHeuristic
            stateLimit = search.stateLimit
            deadline = search.timeLimit.map { ContinuousClock.now + $0 }
            self.trace = trace
            self.logCosts = logCosts
            places = search.net.placeCount
            self.heuristic = heuristic
            realization = SolutionRealization(net: search.net, trace: trace, heuristic: heuristic)
            ordering = search.usesHeuristic
                ? search.orderingFacts.map { OrderingBound(facts: $0, trace: trace, logCosts: logCosts) } : nil
            scratch = search.net.initialMarking.map { Int32(clamping: $0) }
            var seed: UInt64 = 0x2545_F491_4F6C_DD1D
            let placeKeys = (0..<search.net.placeCount).map { _ in
                seed &+= 0x9E37_79B9_7F4A_7C15
                var z = seed
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            let net = search.net
            self.placeKeys = placeKeys
            transitionKeys = (0..<net.transitionCount).map { t in
                var key: UInt64 = 0
                for k in net.preStart[t]..<net.preStart[t + 1] {
                    key &-= UInt64(net.preWeight[k]) &* placeKeys[net.prePlace[k]]
                }
                for k in net.postStart[t]..<net.postStart[t + 1] {
                    key &+= UInt64(net.postWeight[k]) &* placeKeys[net.postPlace[k]]
                }
                return key
            }
        }

        mutating func execute() -> Outcome {
            var rootKey: UInt64 = 0
            for p in 0..<places { rootKey &+= UInt64(bitPattern: Int64(scratch[p])) &* placeKeys[p] }
            let root = insertState(position: 0, key: rootKey)
            g[root] = 0
            if usesHeuristic {
                guard let estimate = solve(root) else { return finish(.unreachableFinalMarking, cost: 0, steps: []) }
                lp[root] = estimate
                h[root] = max(estimate, orderBound[root])
            }
            trusted[root] = true
            push(root)
            var pops = 0
            while let entry = heap.popMin() {
                let s = Int(entry.state)
                if closed[s] || entry.g != g[s] || entry.h != h[s] { continue }
                if !trusted[s] {
                    guard let exact = solve(s) else {
                        closed[s] = true
                        continue
                    }
                    trusted[s] = true
                    lp[s] = exact
                    if exact > h[s] {
                        h[s] = exact
                        keepBonuses(s)
                        push(s)
                        continue
                    }
                }
                if isGoal(s) { return finish(.optimal, cost: g[s], steps: reconstruct(s)) }
                if usesHeuristic, let rest = realizeSolution(of: s) {
                    return finish(.optimal, cost: g[s] + h[s], steps: reconstruct(s) + rest)
                }
                closed[s] = true
                visited += 1
                pops += 1
                if markings.count / max(places, 1) > stateLimit {
                    return finish(.stateLimitExceeded, cost: 0, steps: [])
                }
                if let deadline, pops & 127 == 0, ContinuousClock.now > deadline {
                    return finish(.timeLimitExceeded, cost: 0, steps: [])
                }
                // A cancelled task gives up like a spent time limit; the public entry points then throw.
                if pops & 1023 == 0, Task.isCancelled {
                    return finish(.timeLimitExceeded, cost: 0, steps: [])
                }
                expand(s)
            }
            return finish(.unreachableFinalMarking, cost: 0, steps: [])
        }

        /// The per-state arrays, for the next search.
        func buffers() -> MarkingSearchBuffers {
            MarkingSearchBuffers(
                markings: markings, positions: positions, g: g, h: h, lp: lp, orderBound: orderBound, trusted: trusted,
                closed: closed, parents: parents, moves: moves, keys: keys, solutionStart: solutionStart,
                solutionCount: solutionCount, freshSolution: freshSolution, bonusStart: bonusStart, bonuses: bonuses,
                solutionColumns: solutionColumns, solutionValues: solutionValues, slots: slots, heap: heap)
        }

        private func finish(_ status: AlignmentStatus, cost: Int, steps: [Step]) -> Outcome {
            Outcome(status: status, cost: cost, steps: steps, visited: visited, queued: queued,
                    solvedLinearPrograms: heuristic.solved)
        }

        // MARK: States

        private func isGoal(_ s: Int) -> Bool {
            guard Int(positions[s]) == trace.count else { return false }
            let base = s * places
            for p in 0..<places where Int(markings[base + p]) != net.finalMarking[p] { return false }
            return true
        }

        /// The hash-table slot where the search for `key` starts.
        @inline(__always)
        private func firstSlot(_ key: UInt64) -> Int {
            var mixed = key ^ (key >> 32)
            mixed &*= 0xD6E8_FEB8_6659_FD93
            mixed ^= mixed >> 32
            return Int(truncatingIfNeeded: mixed) & (slots.count - 1)
        }

        /// Finds or creates the state of `scratch` at `position`, whose key is `key`; new states get g = Int.max.
        private mutating func insertState(position: Int, key: UInt64) -> Int {
            let mask = slots.count - 1
            var slot = firstSlot(key)
            // Each slot holds a state's id and the low 32 bits of its key, so a probe past another state
            // touches only the table.
            let tag = UInt32(truncatingIfNeeded: key)
            while true {
                let entry = slots[slot]
                if entry < 0 { break }
                if UInt32(truncatingIfNeeded: entry) == tag {
                    let candidate = Int(entry >> 32)
                    if keys[candidate] == key && Int(positions[candidate]) == position && sameMarking(candidate) {
                        return candidate
                    }
                }
                slot = (slot + 1) & mask
            }
            let id = positions.count
            slots[slot] = Int64(id) << 32 | Int64(tag)
            markings.append(contentsOf: scratch)
            positions.append(Int32(position))
            g.append(Int.max)
            let order = ordering?.estimate(marking: scratch[0..<places], position: position) ?? 0
            h.append(order)
            lp.append(0)
            orderBound.append(order)
            trusted.append(false)
            closed.append(false)
            parents.append(-1)
            moves.append(0)
            keys.append(key)
            solutionStart.append(-1)
            solutionCount.append(0)
            freshSolution.append(false)
            bonusStart.append(-1)
            if positions.count * 2 > slots.count { grow() }
            return id
        }

        private func sameMarking(_ s: Int) -> Bool {
            markings.withUnsafeBufferPointer { all in
                scratch.withUnsafeBufferPointer { marking in
                    let base = s * places
                    for p in 0..<places where all[base + p] != marking[p] { return false }
                    return true
                }
            }
        }

        private mutating func grow() {
            let size = slots.count * 2
            slots.removeAll(keepingCapacity: true)
            slots.append(contentsOf: repeatElement(-1, count: size))
            let mask = slots.count - 1
            for id in 0..<positions.count {
                var slot = firstSlot(keys[id])
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int64(id) << 32 | Int64(UInt32(truncatingIfNeeded: keys[id]))
            }
        }

        // MARK: Heuristic

        private mutating func solve(_ s: Int) -> Int? {
            guard usesHeuristic else { return 0 }
            let base = s * places
            let estimate = markings.withUnsafeBufferPointer { all in
                heuristic.estimate(marking: UnsafeBufferPointer(rebasing: all[base..<base + places]),
                                   final: net.finalMarking, position: Int(positions[s]))
            }
            basisState = heuristic.hasDuals ? s : -1
            guard let estimate else { return nil }
            solutionStart[s] = Int32(solutionColumns.count)
            var count: Int32 = 0
            for (j, value) in heuristic.solution.enumerated() where value > 1e-9 {
                solutionColumns.append(Int32(j))
                solutionValues.append(value)
                count += 1
            }
            solutionCount[s] = count
            freshSolution[s] = true
            return estimate
        }

        /// The value of `column` in the stored solution of `s` (0 when absent).
        private func solutionValue(_ s: Int, column: Int) -> Double {
            let start = Int(solutionStart[s])
            guard start >= 0 else { return 0 }
            for k in start..<start + Int(solutionCount[s]) where Int(solutionColumns[k]) == column {
                return solutionValues[k]
            }
            return 0
        }

        /// Stores for `child` the parent's solution minus one unit of `column`.
        private mutating func inheritSolution(from s: Int, to child: Int, column: Int) {
            let start = Int(solutionStart[s])
            guard start >= 0 else { return }
            let count = Int(solutionCount[s])
            let newStart = solutionColumns.count
            var newCount: Int32 = 0
            for k in start..<start + count {
                var value = solutionValues[k]
                if Int(solutionColumns[k]) == column { value -= 1 }
                if value > 1e-9 {
                    solutionColumns.append(solutionColumns[k])
                    solutionValues.append(value)
                    newCount += 1
                }
            }
            solutionStart[child] = Int32(newStart)
            solutionCount[child] = newCount
        }

        // MARK: Following the LP solution

        /// Tries ``SolutionRealization`` on the LP solution of `s`. Only solutions solved for `s` itself
        /// are followed: an inherited one is the parent's minus the move taken, and the parent's was
        /// already tried (a run for the child would have been a run for the parent). A run would cost
        /// `g + lp`, so none exists when the ordering bound is above the LP bound.
        ///
        /// A run found at `s` costs `f(s)`, so none exists below the optimal cost: every attempt before the
        /// search reaches the optimal `f` fails, and on a42f0n50 287,000 of 288,000 attempts did, for a
        /// quarter of the time. So at most ``realizationsPerLevel`` attempts may fail per value of `f`; the
        /// search itself still finds the optimum (this only decides how early it can stop).
        private mutating func realizeSolution(of s: Int) -> [Step]? {
            let start = Int(solutionStart[s])
            guard start >= 0, trusted[s], freshSolution[s], lp[s] == h[s] else { return nil }
            let f = g[s] + h[s]
            if f != realizationLevel {
                realizationLevel = f
                failedRealizations = 0
            }
            guard failedRealizations < Run.realizationsPerLevel else { return nil }
            let end = start + Int(solutionCount[s])
            let run = realization.run(from: markings[s * places..<(s + 1) * places], position: Int(positions[s]),
                                      solutionColumns: solutionColumns[start..<end],
                                      solutionValues: solutionValues[start..<end])
            if run == nil { failedRealizations += 1 }
            return run
        }

        // MARK: Expansion

        private mutating func keepBonuses(_ s: Int) {
            guard basisState == s && bonusStart[s] < 0 else { return }
            bonusStart[s] = Int32(bonuses.count)
            heuristic.appendReducedCostBonuses(to: &bonuses)
        }

        private mutating func expand(_ s: Int) {
            let position = Int(positions[s])
            let base = s * places
            keepBonuses(s)
            let key = keys[s]
            for p in 0..<places { scratch[p] = markings[base + p] }
            if position < trace.count {
                let code = trace[position]
                relax(from: s, position: position + 1, key: key &+ Run.positionKey, cost: logCosts[position],
                      column: usesHeuristic ? heuristic.logColumn(label: code) : -1, move: Int32(1))
            }
            // `scratch` holds the marking of `s` between transitions: each firing is applied and undone.
            for t in 0..<net.transitionCount where isEnabled(t, base: base) {
                for k in net.preStart[t]..<net.preStart[t + 1] { scratch[net.prePlace[k]] -= Int32(net.preWeight[k]) }
                for k in net.postStart[t]..<net.postStart[t + 1] { scratch[net.postPlace[k]] += Int32(net.postWeight[k]) }
                let fired = key &+ transitionKeys[t]
                relax(from: s, position: position, key: fired, cost: modelCost[t], column: t, move: Int32(t << 2 | 2))
                if position < trace.count && net.label[t] >= 0 && net.label[t] == trace[position] {
                    relax(from: s, position: position + 1, key: fired &+ Run.positionKey, cost: syncCost[t],
                          column: usesHeuristic ? heuristic.syncColumn[t] : -1, move: Int32(t << 2))
                }
                for k in net.postStart[t]..<net.postStart[t + 1] { scratch[net.postPlace[k]] -= Int32(net.postWeight[k]) }
                for k in net.preStart[t]..<net.preStart[t + 1] { scratch[net.prePlace[k]] += Int32(net.preWeight[k]) }
            }
        }

        private func isEnabled(_ t: Int, base: Int) -> Bool {
            for k in net.preStart[t]..<net.preStart[t + 1]
            where Int(markings[base + net.prePlace[k]]) < net.preWeight[k] {
                return false
            }
            return true
        }

        /// Offers the state in `scratch` at `position` (key `key`), reached from `s` by a move of `cost` whose
        /// LP column is `column` (-1 when the move is outside the LP, i.e. the log move of an unknown activity).
        private mutating func relax(from s: Int, position: Int, key: UInt64, cost: Int, column: Int, move: Int32) {
            let child = insertState(position: position, key: key)
            if closed[child] || orderBound[child] >= OrderingBound.unreachable { return }
            let newG = g[s] + cost
            if newG >= g[child] { return }
            let exact = usesHeuristic && trusted[s] && solutionStart[s] >= 0
                && (column < 0 || solutionValue(s, column: column) >= 1 - 1e-9)
            if !trusted[child] {
                if exact {
                    lp[child] = lp[s] - cost
                    trusted[child] = true
                    inheritSolution(from: s, to: child, column: column)
                    bonusStart[child] = bonusStart[s]
                    h[child] = max(lp[child], orderBound[child])
                } else {
                    let start = Int(bonusStart[s])
                    let bonus = start >= 0 && column >= 0 ? Int(bonuses[start + column]) : 0
                    lp[child] = max(lp[child], lp[s] - cost + bonus, 0)
                    h[child] = max(h[child], lp[child], h[s] - cost)
                }
            }
            g[child] = newG
            parents[child] = Int32(s)
            moves[child] = move
            push(child)
        }

        private func reconstruct(_ goal: Int) -> [Step] {
            var steps: [Step] = []
            var s = goal
            while parents[s] >= 0 {
                let parent = Int(parents[s])
                let move = Int(moves[s])
                let eventIndex = Int(positions[parent])
                switch move & 3 {
                case 0: steps.append(Step(kind: .synchronous, transition: move >> 2, eventIndex: eventIndex))
                case 1: steps.append(Step(kind: .log, transition: -1, eventIndex: eventIndex))
                default: steps.append(Step(kind: .model, transition: move >> 2, eventIndex: -1))
                }
                s = parent
            }
            return steps.reversed()
        }

        // MARK: Priority queue

        private mutating func push(_ s: Int) {
            queued += 1
            heap.push(Entry(f: g[s] + h[s], position: positions[s], h: h[s], g: g[s], state: Int32(s)))
        }
    }
}
