/// Classical soundness of a workflow net (van der Aalst), decided on the reachability graph:
/// option to complete (the final marking stays reachable from every reachable marking), proper completion
/// (no reachable marking strictly covers the final marking) and no dead transitions.
///
/// When the graph cannot be explored completely (unbounded net, state limit), ``verdict`` is `.unknown`
/// unless a violation was already proven (an unbounded workflow net is never sound).
///
/// ```swift
/// let report = net.soundness(stateLimit: 50_000)
/// print(report.verdict, report.deadTransitions.map { net.transitions[$0].name })
/// ```
public struct SoundnessReport: Hashable, Sendable {
    public enum Verdict: Hashable, Sendable {
        case sound
        case unsound
        /// The exploration hit the state limit before a decision.
        case unknown
    }

    public let verdict: Verdict
    public let workflowNet: WorkflowNetShape
    /// The status of the reachability exploration the checks ran on.
    public let reachability: ReachabilityGraph.Status
    public let statesExplored: Int
    /// Whether the final marking is reachable from every explored marking (nil when undecided).
    public let optionToComplete: Bool?
    /// Whether no explored marking strictly covers the final marking.
    public let properCompletion: Bool
    /// Transitions that label no edge of the (complete) reachability graph; empty when undecided.
    public let deadTransitions: [Int]
    /// Explanations of every violation found, for people.
    public let problems: [String]
}

extension PetriNet {
    /// Checks classical soundness within `stateLimit` explored markings.
    ///
    /// Uses ``initialMarking`` and ``finalMarking``; when either is empty and the net is a workflow net, one
    /// token in the source (resp. sink) place is used.
    public func soundness(stateLimit: Int = PetriNet.defaultStateLimit) -> SoundnessReport {
        let shape = workflowNetShape
        var net = self
        if net.initialMarking.isEmpty, let source = shape.source { net.initialMarking = [source: 1] }
        if net.finalMarking.isEmpty, let sink = shape.sink { net.finalMarking = [sink: 1] }
        var problems = shape.violations.map(\.description)
        let graph = net.reachabilityGraph(stateLimit: stateLimit)
        var final = Array(repeating: 0, count: places.count)
        for (p, tokens) in net.finalMarking { final[p] = tokens }

        let coversFinalStrictly = graph.markings.contains { m in !m.elementsEqual(final) && zip(final, m).allSatisfy { $0 <= $1 } }
        if coversFinalStrictly { problems.append("a reachable marking holds the final marking plus extra tokens") }
        var optionToComplete: Bool?
        var dead: [Int] = []
        switch graph.status {
        case .complete:
            let canComplete = Self.statesReaching(final, in: graph)
            optionToComplete = canComplete.allSatisfy { $0 }
            if optionToComplete == false {
                problems.append("\(canComplete.filter { !$0 }.count) reachable markings cannot reach the final marking")
            }
            var fired = Array(repeating: false, count: transitions.count)
            for edge in graph.edges { fired[edge.transition] = true }
            dead = transitions.indices.filter { !fired[$0] }
            if !dead.isEmpty { problems.append("\(dead.count) dead transitions") }
        case .unbounded(let unbounded):
            problems.append("the net is unbounded in \(unbounded.count) places")
        case .stateLimitReached(let limit):
            problems.append("undecided: more than \(limit) reachable markings")
        }

        let verdict: SoundnessReport.Verdict
        if !shape.isWorkflowNet || coversFinalStrictly || optionToComplete == false || !dead.isEmpty {
            verdict = .unsound
        } else if case .unbounded = graph.status {
            verdict = .unsound
        } else {
            verdict = graph.isComplete ? .sound : .unknown
        }
        return SoundnessReport(verdict: verdict, workflowNet: shape, reachability: graph.status,
                               statesExplored: graph.markings.count, optionToComplete: optionToComplete,
                               properCompletion: !coversFinalStrictly, deadTransitions: dead, problems: problems)
    }

    /// For each state, whether `final` is reachable from it (backward search over the graph's edges).
    private static func statesReaching(_ final: [Int], in graph: ReachabilityGraph) -> [Bool] {
        var reaches = Array(repeating: false, count: graph.markings.count)
        var stack = graph.state(of: final).map { [$0] } ?? []
        for s in stack { reaches[s] = true }
        while let state = stack.popLast() {
            for k in graph.incomingStart[state]..<graph.incomingStart[state + 1] {
                let p = graph.edges[graph.incoming[k]].source
                guard !reaches[p] else { continue }
                reaches[p] = true
                stack.append(p)
            }
        }
        return reaches
    }
}
