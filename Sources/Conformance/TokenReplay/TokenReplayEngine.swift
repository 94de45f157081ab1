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
/// Markings are dense token counts; marked places are listed by scanning places in id order, silent paths
/// are read from flat arrays and the working memory lives in a reused ``TokenReplayScratch``, so the token
/// game neither sorts nor allocates per event.
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
    /// Per label code `c`: its transitions in id order are `labelTransitions[labelStart[c] ..< labelStart[c + 1]]`.
    private let labelStart: [Int]
    private let labelTransitions: [Int]
    /// Places in id order.
    private let placesByID: [Int]
    /// Places of the final marking in id order.
    private let finalPlacesByID: [Int]

    package init(net: CompiledNet) {
        self.net = net
        paths = SilentPaths(net)
        var byLabel = Array(repeating: [Int](), count: net.labelNames.count)
        for t in net.transitionsByID where net.label[t] >= 0 { byLabel[Int(net.label[t])].append(t) }
        labelStart = byLabel.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        labelTransitions = byLabel.flatMap { $0 }
        defaultTransition = byLabel.map { $0.last ?? -1 }
        var order = Array(repeating: 0, count: net.placeCount)
        for p in 0..<net.placeCount { order[net.placeRankByID[p]] = p }
        placesByID = order
        finalPlacesByID = order.filter { net.finalMarking[$0] > 0 }
    }

    /// Working memory sized for this engine's net.
    package func makeScratch() -> TokenReplayScratch {
        TokenReplayScratch(transitionCount: net.transitionCount)
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
    package func replay(_ labels: some Sequence<Int32>, options: Options, recordsFirings: Bool = true,
                        scratch: inout TokenReplayScratch) -> Outcome {
        var state = initialState(recordsFirings: recordsFirings)
        for code in labels {
            replayEvent(code, in: &state, options: options, scratch: &scratch)
            if state.stopped { break }
        }
        return finish(state, options: options, scratch: &scratch)
    }

    /// Replays one event.
    package func replayEvent(_ code: Int32, in state: inout State, options: Options,
                             scratch: inout TokenReplayScratch) {
        guard code >= 0, Int(code) < defaultTransition.count, defaultTransition[Int(code)] >= 0 else {
            state.unknownEvents += 1
            return
        }
        let t = chooseTransition(for: Int(code), in: state.marking)
        if !net.isEnabled(t, in: state.marking) {
            scratch.beginEvent()
            enableThroughSilent(t, depth: 0, state: &state, scratch: &scratch)
            if !net.isEnabled(t, in: state.marking) {
                state.problemTransitions.append(t)
                if options.stopAtFirstProblem {
                    state.missing += 1
                    state.stopped = true
                    return
                }
                addMissingTokens(for: t, in: &state)
            }
        }
        fire(t, in: &state)
    }

    /// Ends the replay: reaches for the final marking, consumes it and counts what remains.
    package func finish(_ input: State, options: Options, scratch: inout TokenReplayScratch) -> Outcome {
        var state = input
        if options.reachFinalMarkingThroughSilent && !state.stopped {
            reachFinalMarking(&state, scratch: &scratch)
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
        for k in labelStart[code]..<labelStart[code + 1] where net.isEnabled(labelTransitions[k], in: marking) {
            return labelTransitions[k]
        }
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

    /// Fills `scratch.groups[depth]` with the silent paths from every marked place (id order) to every
    /// target place (in the order given), shortest first and stable on that order. The targets are the
    /// final places when `towardsFinal` is set, else `scratch.underfed[depth]`.
    private func collectGroups(depth: Int, towardsFinal: Bool, marking: [Int], scratch: inout TokenReplayScratch) {
        scratch.groups[depth].removeAll(keepingCapacity: true)
        let targetCount = towardsFinal ? finalPlacesByID.count : scratch.underfed[depth].count
        for source in placesByID where marking[source] > 0 {
            for i in 0..<targetCount {
                let target = towardsFinal ? finalPlacesByID[i] : scratch.underfed[depth][i]
                let key = paths.key(from: source, to: target)
                if paths.length(key) >= 0 { scratch.groups[depth].append(key) }
            }
        }
        sortByLength(&scratch.groups[depth])
    }

    /// Stable insertion sort of path keys by path length (the lists are short).
    private func sortByLength(_ keys: inout [Int]) {
        guard keys.count > 1 else { return }
        for i in 1..<keys.count {
            let key = keys[i], length = paths.length(key)
            var j = i
            while j > 0 && paths.length(keys[j - 1]) > length {
                keys[j] = keys[j - 1]
                j -= 1
            }
            keys[j] = key
        }
    }

    /// PM4Py's `apply_hidden_trans`: tries to enable `t` by firing silent transitions.
    private func enableThroughSilent(_ t: Int, depth: Int, state: inout State, scratch: inout TokenReplayScratch) {
        if depth >= 2 || scratch.isVisited(t) { return }
        scratch.visit(t)
        scratch.underfed[depth].removeAll(keepingCapacity: true)
        for k in net.preStart[t]..<net.preStart[t + 1] where state.marking[net.prePlace[k]] < net.preWeight[k] {
            let p = net.prePlace[k]
            if !scratch.underfed[depth].contains(p) { scratch.underfed[depth].append(p) }
        }
        sortByRank(&scratch.underfed[depth])
        collectGroups(depth: depth, towardsFinal: false, marking: state.marking, scratch: &scratch)
        guard !scratch.groups[depth].isEmpty else { return }
        fireGroupsInTurn(depth: depth, toEnable: t, state: &state, scratch: &scratch)
        if net.isEnabled(t, in: state.marking) { return }
        collectGroups(depth: depth, towardsFinal: false, marking: state.marking, scratch: &scratch)
        var g = 0
        while g < scratch.groups[depth].count {
            let key = scratch.groups[depth][g]
            let start = paths.start(key)
            for k in start..<start + paths.length(key) {
                let t4 = paths.steps[k]
                guard t4 != t && !scratch.isVisited(t4) else { continue }
                if !net.isEnabled(t4, in: state.marking) {
                    enableThroughSilent(t4, depth: depth + 1, state: &state, scratch: &scratch)
                }
                if net.isEnabled(t4, in: state.marking) {
                    fire(t4, in: &state)
                    scratch.visit(t4)
                }
            }
            g += 1
        }
    }

    /// Insertion sort of places by id (the lists are a transition's input places).
    private func sortByRank(_ places: inout [Int]) {
        guard places.count > 1 else { return }
        for i in 1..<places.count {
            let place = places[i], rank = net.placeRankByID[place]
            var j = i
            while j > 0 && net.placeRankByID[places[j - 1]] > rank {
                places[j] = places[j - 1]
                j -= 1
            }
            places[j] = place
        }
    }

    /// PM4Py's `enable_hidden_transitions`: walks the groups of `depth` in turn, firing each enabled unvisited
    /// silent transition, until `t` is enabled or a group fires nothing.
    private func fireGroupsInTurn(depth: Int, toEnable t: Int, state: inout State, scratch: inout TokenReplayScratch) {
        let count = scratch.groups[depth].count
        scratch.nextInGroup.removeAll(keepingCapacity: true)
        scratch.nextInGroup.append(contentsOf: repeatElement(0, count: count))
        var turn = 0
        while true {
            let g = turn % count
            let key = scratch.groups[depth][g]
            let start = paths.start(key), length = paths.length(key)
            var changed = false
            while scratch.nextInGroup[g] < length {
                let t3 = paths.steps[start + scratch.nextInGroup[g]]
                if t3 != t && net.isEnabled(t3, in: state.marking) && !scratch.isVisited(t3) {
                    fire(t3, in: &state)
                    scratch.visit(t3)
                    changed = true
                }
                scratch.nextInGroup[g] += 1
                if net.isEnabled(t, in: state.marking) { break }
            }
            if net.isEnabled(t, in: state.marking) || !changed { return }
            turn += 1
        }
    }

    private func finalMarkingReached(_ marking: [Int]) -> Bool {
        for p in finalPlacesByID where marking[p] <= 0 { return false }
        return true
    }

    /// PM4Py's two attempts to reach the final marking through silent transitions after the last event.
    private func reachFinalMarking(_ state: inout State, scratch: inout TokenReplayScratch) {
        for _ in 0..<5 {
            if finalMarkingReached(state.marking) { break }
            collectGroups(depth: 0, towardsFinal: true, marking: state.marking, scratch: &scratch)
            for g in 0..<scratch.groups[0].count {
                let key = scratch.groups[0][g]
                let start = paths.start(key)
                for k in start..<start + paths.length(key) where net.isEnabled(paths.steps[k], in: state.marking) {
                    fire(paths.steps[k], in: &state)
                }
                if finalMarkingReached(state.marking) { break }
            }
        }
        guard !finalMarkingReached(state.marking), finalPlacesByID.count == 1 else { return }
        let sink = finalPlacesByID[0]
        let stamps = state.stamps
        scratch.marked.removeAll(keepingCapacity: true)
        for p in 0..<net.placeCount where state.marking[p] > 0 { scratch.marked.append(p) }
        scratch.marked.sort { stamps[$0] < stamps[$1] }
        var connections = scratch.marked.map { paths.key(from: $0, to: sink) }.filter { paths.length($0) >= 0 }
        sortByLength(&connections)
        for _ in 0..<5 {
            for key in connections {
                let start = paths.start(key)
                for k in start..<start + paths.length(key) {
                    guard net.isEnabled(paths.steps[k], in: state.marking) else { break }
                    fire(paths.steps[k], in: &state)
                }
            }
        }
    }
}
