/// The token game of PM4Py's token-based replay (`token_replay.apply_trace`), on a ``CompiledNet``.
///
/// For each event, the transition carrying its label fires; when it is not enabled, silent transitions on
/// shortest silent paths from marked places to the places that lack tokens are fired first (two levels of
/// recursion, each silent transition at most once per event, exactly as PM4Py walks them), and tokens still
/// missing are created and counted. Events whose activity labels no transition are skipped. At the end,
/// silent paths towards the final marking are fired, the final marking is consumed and the tokens left are
/// counted as remaining.
///
/// The engine is a value; ``State`` can be copied to replay shared prefixes once (ETConformance does so).
package struct TokenReplayEngine: Sendable {
    /// The behaviour switches of PM4Py's replay.
    package struct Options: Sendable, Hashable {
        /// Count remaining tokens when deciding whether a trace fits.
        package var considerRemainingInFitness = true
        /// Fire silent paths towards the final marking after the last event.
        package var reachFinalMarkingThroughSilent = true
        /// Stop at the first event whose transition cannot be enabled (ETConformance).
        package var stopAtFirstProblem = false

        package init(considerRemainingInFitness: Bool = true, reachFinalMarkingThroughSilent: Bool = true,
                     stopAtFirstProblem: Bool = false) {
            self.considerRemainingInFitness = considerRemainingInFitness
            self.reachFinalMarkingThroughSilent = reachFinalMarkingThroughSilent
            self.stopAtFirstProblem = stopAtFirstProblem
        }
    }

    /// The replay state after a prefix of a trace.
    package struct State: Sendable {
        package var marking: [Int]
        /// When each place last became marked: PM4Py iterates markings in insertion order in one place.
        var stamps: [Int]
        var nextStamp: Int
        package var missing = 0
        package var consumed = 0
        package var produced = 0
        /// Set when ``Options/stopAtFirstProblem`` stopped the replay.
        package var stopped = false
        package var unknownEvents = 0
        package var recordsFirings: Bool
        package var firings: [Int] = []
        package var problemTransitions: [Int] = []
    }

    /// The outcome of replaying one trace.
    package struct Outcome: Sendable {
        package var isFit: Bool
        package var fitness: Double
        package var missing: Int
        package var consumed: Int
        package var remaining: Int
        package var produced: Int
        package var firings: [Int]
        package var problemTransitions: [Int]
        package var reachedMarking: [Int]
        package var unknownEvents: Int
    }

    package let net: CompiledNet
    package let paths: SilentPaths
    /// Per label code: the transition PM4Py's `trans_map` keeps (the last by id).
    private let defaultTransition: [Int]
    /// Per label code: its transitions in id order.
    private let transitionsOfLabel: [[Int]]
    /// Places of the final marking in id order.
    private let finalPlacesByID: [Int]

    package init(net: CompiledNet) {
        self.net = net
        paths = SilentPaths(net)
        var byLabel = Array(repeating: [Int](), count: net.labelNames.count)
        for t in net.transitionsByID where net.label[t] >= 0 { byLabel[Int(net.label[t])].append(t) }
        transitionsOfLabel = byLabel
        defaultTransition = byLabel.map { $0.last ?? -1 }
        finalPlacesByID = (0..<net.placeCount).filter { net.finalMarking[$0] > 0 }
            .sorted { net.placeRankByID[$0] < net.placeRankByID[$1] }
    }

    /// The state before the first event.
    package func initialState(recordsFirings: Bool) -> State {
        var stamps = Array(repeating: 0, count: net.placeCount)
        var next = 1
        for p in 0..<net.placeCount where net.initialMarking[p] > 0 {
            stamps[p] = next
            next += 1
        }
        return State(marking: net.initialMarking, stamps: stamps, nextStamp: next,
                     produced: net.initialMarking.reduce(0, +), recordsFirings: recordsFirings)
    }

    /// Replays a whole trace given as label codes (-1 for activities no transition carries).
    package func replay(_ labels: some Sequence<Int32>, options: Options, recordsFirings: Bool = true) -> Outcome {
        var state = initialState(recordsFirings: recordsFirings)
        for code in labels {
            replayEvent(code, in: &state, options: options)
            if state.stopped { break }
        }
        return finish(state, options: options)
    }

    /// Replays one event.
    package func replayEvent(_ code: Int32, in state: inout State, options: Options) {
        guard code >= 0, Int(code) < transitionsOfLabel.count, !transitionsOfLabel[Int(code)].isEmpty else {
            state.unknownEvents += 1
            return
        }
        let t = chooseTransition(for: Int(code), in: state.marking)
        if !net.isEnabled(t, in: state.marking) {
            var visited = Array(repeating: false, count: net.transitionCount)
            enableThroughSilent(t, depth: 0, visited: &visited, state: &state)
        }
        if !net.isEnabled(t, in: state.marking) {
            state.problemTransitions.append(t)
            if options.stopAtFirstProblem {
                state.missing += 1
                state.stopped = true
                return
            }
            addMissingTokens(for: t, in: &state)
        }
        fire(t, in: &state)
    }

    /// Ends the replay: reaches for the final marking, consumes it and counts what remains.
    package func finish(_ input: State, options: Options) -> Outcome {
        var state = input
        if options.reachFinalMarkingThroughSilent && !state.stopped {
            reachFinalMarking(&state)
        }
        let reached = state.marking
        var remaining = 0
        var missingAtEnd = 0
        for p in 0..<net.placeCount {
            let tokens = state.marking[p]
            if net.finalMarking[p] > 0 {
                missingAtEnd += max(0, net.finalMarking[p] - tokens)
                if tokens > 0 { remaining += max(0, tokens - net.finalMarking[p]) }
            } else if tokens > 0 {
                remaining += tokens
            }
        }
        let isFit = options.considerRemainingInFitness ? state.missing == 0 && remaining == 0 : state.missing == 0
        let consumed = state.consumed + net.finalMarking.reduce(0, +)
        let missing = state.missing + missingAtEnd
        let produced = state.produced
        var fitness = 1.0
        if consumed > 0 && produced > 0 {
            fitness = 0.5 * (1.0 - Double(missing) / Double(consumed)) + 0.5 * (1.0 - Double(remaining) / Double(produced))
        }
        return Outcome(isFit: isFit, fitness: fitness, missing: missing, consumed: consumed, remaining: remaining,
                       produced: produced, firings: state.firings, problemTransitions: state.problemTransitions,
                       reachedMarking: reached, unknownEvents: state.unknownEvents)
    }

    // MARK: - The token game

    private func chooseTransition(for code: Int, in marking: [Int]) -> Int {
        for t in transitionsOfLabel[code] where net.isEnabled(t, in: marking) { return t }
        return defaultTransition[code]
    }

    private func fire(_ t: Int, in state: inout State) {
        for k in net.preStart[t]..<net.preStart[t + 1] {
            state.marking[net.prePlace[k]] -= net.preWeight[k]
            state.consumed += net.preWeight[k]
        }
        for k in net.postStart[t]..<net.postStart[t + 1] {
            let p = net.postPlace[k]
            if state.marking[p] <= 0 {
                state.stamps[p] = state.nextStamp
                state.nextStamp += 1
            }
            state.marking[p] += net.postWeight[k]
            state.produced += net.postWeight[k]
        }
        if state.recordsFirings { state.firings.append(t) }
    }

    /// PM4Py adds the arc weight (not the shortfall) to every underfed input place and counts the shortfall.
    private func addMissingTokens(for t: Int, in state: inout State) {
        for k in net.preStart[t]..<net.preStart[t + 1] {
            let p = net.prePlace[k], w = net.preWeight[k]
            if state.marking[p] < w {
                state.missing += w - state.marking[p]
                if state.marking[p] <= 0 {
                    state.stamps[p] = state.nextStamp
                    state.nextStamp += 1
                }
                state.marking[p] += w
            }
        }
    }

    /// Marked places in id order.
    private func markedPlacesByID(_ marking: [Int]) -> [Int] {
        (0..<net.placeCount).filter { marking[$0] > 0 }.sorted { net.placeRankByID[$0] < net.placeRankByID[$1] }
    }

    /// Silent paths from every marked place to every target place, shortest first (stable on id order).
    private func silentPaths(from marking: [Int], to targets: [Int]) -> [[Int]] {
        var groups: [[Int]] = []
        for source in markedPlacesByID(marking) {
            for target in targets {
                if let path = paths.path(from: source, to: target) { groups.append(path) }
            }
        }
        return stableSortedByLength(groups)
    }

    private func stableSortedByLength(_ groups: [[Int]]) -> [[Int]] {
        groups.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count < b.element.count : a.offset < b.offset
        }.map(\.element)
    }

    /// PM4Py's `apply_hidden_trans`: tries to enable `t` by firing silent transitions.
    private func enableThroughSilent(_ t: Int, depth: Int, visited: inout [Bool], state: inout State) {
        if depth >= 2 || visited[t] { return }
        visited[t] = true
        var underfed: [Int] = []
        for k in net.preStart[t]..<net.preStart[t + 1] where state.marking[net.prePlace[k]] < net.preWeight[k] {
            let p = net.prePlace[k]
            if !underfed.contains(p) { underfed.append(p) }
        }
        underfed.sort { net.placeRankByID[$0] < net.placeRankByID[$1] }
        let groups = silentPaths(from: state.marking, to: underfed)
        guard !groups.isEmpty else { return }
        fireGroupsInTurn(groups, toEnable: t, visited: &visited, state: &state)
        if net.isEnabled(t, in: state.marking) { return }
        for group in silentPaths(from: state.marking, to: underfed) {
            for t4 in group where t4 != t && !visited[t4] {
                if !net.isEnabled(t4, in: state.marking) {
                    enableThroughSilent(t4, depth: depth + 1, visited: &visited, state: &state)
                }
                if net.isEnabled(t4, in: state.marking) {
                    fire(t4, in: &state)
                    visited[t4] = true
                }
            }
        }
    }

    /// PM4Py's `enable_hidden_transitions`: walks the groups in turn, firing each enabled unvisited silent
    /// transition, until `t` is enabled or a group fires nothing.
    private func fireGroupsInTurn(_ groups: [[Int]], toEnable t: Int, visited: inout [Bool], state: inout State) {
        var next = Array(repeating: 0, count: groups.count)
        var turn = 0
        while true {
            let g = turn % groups.count
            var changed = false
            while next[g] < groups[g].count {
                let t3 = groups[g][next[g]]
                if t3 != t && net.isEnabled(t3, in: state.marking) && !visited[t3] {
                    fire(t3, in: &state)
                    visited[t3] = true
                    changed = true
                }
                next[g] += 1
                if net.isEnabled(t, in: state.marking) { break }
            }
            if net.isEnabled(t, in: state.marking) || !changed { return }
            turn += 1
        }
    }

    private func finalMarkingReached(_ marking: [Int]) -> Bool {
        finalPlacesByID.allSatisfy { marking[$0] > 0 }
    }

    /// PM4Py's two attempts to reach the final marking through silent transitions after the last event.
    private func reachFinalMarking(_ state: inout State) {
        for _ in 0..<5 {
            if finalMarkingReached(state.marking) { break }
            for group in silentPaths(from: state.marking, to: finalPlacesByID) {
                for t in group where net.isEnabled(t, in: state.marking) { fire(t, in: &state) }
                if finalMarkingReached(state.marking) { break }
            }
        }
        guard !finalMarkingReached(state.marking), finalPlacesByID.count == 1 else { return }
        let sink = finalPlacesByID[0]
        let markedInInsertionOrder = (0..<net.placeCount).filter { state.marking[$0] > 0 }
            .sorted { state.stamps[$0] < state.stamps[$1] }
        let connections = stableSortedByLength(markedInInsertionOrder.compactMap { paths.path(from: $0, to: sink) })
        for _ in 0..<5 {
            for path in connections {
                for t in path {
                    guard net.isEnabled(t, in: state.marking) else { break }
                    fire(t, in: &state)
                }
            }
        }
    }
}
