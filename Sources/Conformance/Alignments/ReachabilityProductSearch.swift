/// A* over the product of one trace and the reachability graph of the net, for nets whose reachable
/// markings are few enough to list (``OrderingBound/NetFacts``).
///
/// A state is a reachable marking's index in the graph and the number of events consumed, so a state is
/// one integer, `position × markings + node`: the open and closed sets are plain arrays indexed by it, and
/// a step follows a precomputed edge of the graph instead of testing and firing a transition on a token
/// vector. The moves are those of ``SynchronousProductSearch``: log moves, model moves (one per edge) and
/// synchronous moves (an edge whose transition carries the next event's label).
///
/// The heuristic is ``OrderingBound`` alone, which is admissible and consistent (see its documentation):
/// the first goal popped is optimal and a closed state is never reopened. No linear program is solved.
/// On nets with a small reachability graph the marking equation rarely pays for itself: where it is
/// tight the product is small anyway, and where the trace deviates in an order the net forbids (loops
/// absorb every count) it is as weak as the ordering bound while costing a simplex solve per state. The
/// state space is at most `markings × (events + 1)` states, each expanded once, which
/// ``SynchronousProductSearch`` checks against ``maximumProduct`` before choosing this search.
struct ReachabilityProductSearch {
    typealias Step = SynchronousProductSearch.Step
    typealias Outcome = SynchronousProductSearch.Outcome

    /// The largest `markings × (events + 1)` this search takes on (its arrays hold one entry per state).
    static let maximumProduct = 1 << 21

    let facts: OrderingBound.NetFacts
    let label: [Int32]
    let modelCost: [Int]
    let syncCost: [Int]
    let stateLimit: Int
    let deadline: ContinuousClock.Instant?

    /// A queue entry: 16 bytes. A state's bound never changes once computed, so an entry is stale exactly
    /// when its `f` is no longer the state's `g + h`.
    private struct Entry: HeapOrdered {
        var f: Int
        var position: Int32
        var state: Int32

        /// Smaller `f` first; among equal `f`, more events consumed first.
        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            f != other.f ? f < other.f : position > other.position
        }
    }

    /// Aligns `trace` (label codes, -1 for activities the net does not know) with per-event log-move costs.
    func align(trace: [Int32], logCosts: [Int], ordering: OrderingBound) -> Outcome {
        var run = Run(search: self, trace: trace, logCosts: logCosts, ordering: ordering)
        return run.execute()
    }

    private struct Run {
        let facts: OrderingBound.NetFacts
        let label: [Int32]
        let modelCost: [Int]
        let syncCost: [Int]
        let stateLimit: Int
        let deadline: ContinuousClock.Instant?
        let trace: [Int32]
        let logCosts: [Int]
        let ordering: OrderingBound
        let nodes: Int
        var g: [Int]
        /// The ordering bound of a state, -1 until the state is first reached.
        var h: [Int]
        var parent: [Int32]
        var move: [Int32]
        var closed: [Bool]
        var heap = BinaryHeap<Entry>()
        var visited = 0
        var queued = 0
        var reached = 1

        init(search: ReachabilityProductSearch, trace: [Int32], logCosts: [Int], ordering: OrderingBound) {
            facts = search.facts
            label = search.label
            modelCost = search.modelCost
            syncCost = search.syncCost
            stateLimit = search.stateLimit
            deadline = search.deadline
            self.trace = trace
            self.logCosts = logCosts
            self.ordering = ordering
            nodes = search.facts.graph.markings.count
            let count = nodes * (trace.count + 1)
            g = Array(repeating: Int.max, count: count)
            h = Array(repeating: -1, count: count)
            parent = Array(repeating: -1, count: count)
            move = Array(repeating: 0, count: count)
            closed = Array(repeating: false, count: count)
        }

        mutating func execute() -> Outcome {
            let n = trace.count
            guard let finalNode = facts.finalNode else { return outcome(.unreachableFinalMarking, cost: 0, steps: []) }
            let goal = n * nodes + finalNode
            h[0] = ordering.estimate(node: 0, position: 0)
            guard h[0] < OrderingBound.unreachable else {
                return outcome(.unreachableFinalMarking, cost: 0, steps: [])
            }
            g[0] = 0
            push(0, position: 0)
            var pops = 0
            while let entry = heap.popMin() {
                let s = Int(entry.state)
                if closed[s] || entry.f != g[s] + h[s] { continue }
                if s == goal { return outcome(.optimal, cost: g[s], steps: reconstruct(goal)) }
                closed[s] = true
                visited += 1
                pops += 1
                if reached > stateLimit { return outcome(.stateLimitExceeded, cost: 0, steps: []) }
                if let deadline, pops & 127 == 0, ContinuousClock.now > deadline {
                    return outcome(.timeLimitExceeded, cost: 0, steps: [])
                }
                // A cancelled task gives up like a spent time limit; the public entry points then throw.
                if pops & 1023 == 0, Task.isCancelled { return outcome(.timeLimitExceeded, cost: 0, steps: []) }
                expand(s)
            }
            return outcome(.unreachableFinalMarking, cost: 0, steps: [])
        }

        private func outcome(_ status: AlignmentStatus, cost: Int, steps: [Step]) -> Outcome {
            Outcome(status: status, cost: cost, steps: steps, visited: visited, queued: queued,
                    solvedLinearPrograms: 0)
        }

        private mutating func expand(_ s: Int) {
            let position = s / nodes
            let node = s - position * nodes
            if position < trace.count {
                relax(from: s, node: node, position: position + 1, cost: logCosts[position], encoded: 1)
            }
            let next: Int32 = position < trace.count ? trace[position] : -1
            for k in Int(facts.successorStart[node])..<Int(facts.successorStart[node + 1]) {
                let t = Int(facts.successorTransition[k])
                let target = Int(facts.successorTarget[k])
                relax(from: s, node: target, position: position, cost: modelCost[t], encoded: Int32(t << 2 | 2))
                if next >= 0 && label[t] == next {
                    relax(from: s, node: target, position: position + 1, cost: syncCost[t], encoded: Int32(t << 2))
                }
            }
        }

        /// Offers the state `(node, position)`, reached from `from` by a move of `cost` encoded as in
        /// ``reconstruct(_:)``.
        private mutating func relax(from: Int, node: Int, position: Int, cost: Int, encoded: Int32) {
            let state = position * nodes + node
            if closed[state] { return }
            if h[state] < 0 {
                h[state] = ordering.estimate(node: node, position: position)
                reached += 1
            }
            if h[state] >= OrderingBound.unreachable { return }
            let newG = g[from] + cost
            if newG >= g[state] { return }
            g[state] = newG
            parent[state] = Int32(from)
            move[state] = encoded
            push(state, position: position)
        }

        /// The moves from the initial state to `goal`: each state's move is `transition << 2` plus 0 for a
        /// synchronous move, 1 for a log move, 2 for a model move.
        private func reconstruct(_ goal: Int) -> [Step] {
            var steps: [Step] = []
            var s = goal
            while parent[s] >= 0 {
                let from = Int(parent[s])
                let encoded = Int(move[s])
                let eventIndex = from / nodes
                switch encoded & 3 {
                case 0: steps.append(Step(kind: .synchronous, transition: encoded >> 2, eventIndex: eventIndex))
                case 1: steps.append(Step(kind: .log, transition: -1, eventIndex: eventIndex))
                default: steps.append(Step(kind: .model, transition: encoded >> 2, eventIndex: -1))
                }
                s = from
            }
            return steps.reversed()
        }

        private mutating func push(_ state: Int, position: Int) {
            queued += 1
            heap.push(Entry(f: g[state] + h[state], position: Int32(position), state: Int32(state)))
        }
    }
}
