import Discovery
import EventLog

/// Precision by ETConformance with token-based replay, exactly as PM4Py's `precision_token_based_replay`.
///
/// For every proper prefix of every trace (weighted by how many cases share it) the prefix is replayed,
/// stopping at the first event whose transition cannot be enabled; for prefixes that replay without
/// missing tokens, the visible transitions eventually enabled afterwards are the *activated* tasks and
/// those never observed after the prefix in the log are *escaping edges*. The empty prefix contributes
/// the transitions enabled initially against the log's start activities, once per case.
/// Precision is `1 − Σ escaping / Σ activated`.
///
/// Prefixes are replayed once each, sharing the replay of their common prefixes through a prefix tree.
///
/// ```swift
/// let precision = try ETCPrecision().precision(of: log, on: net)
/// ```
public struct ETCPrecision: Sendable {
    /// Receives the log prefixes measured so far (nil by default). Measuring stops with `CancellationError`
    /// soon after its task is cancelled.
    public var progress: ProgressHandler?

    public init(progress: ProgressHandler? = nil) {
        self.progress = progress
    }

    /// - Throws: ``ConformanceError`` `.emptyLog`, `.noInitialMarking`, `.unboundedNet`; `CancellationError`.
    public func precision(of log: EventLog, on net: PetriNet) throws -> Double {
        guard log.caseCount > 0 else { throw ConformanceError(.emptyLog, "the log has no cases") }
        let compiled = try CompiledNet(net, requireFinalMarking: false)
        let variants = TraceVariants(log)
        let codes = TraceVariants.labelCodes(for: log, in: compiled)
        let tree = PrefixTree(variants)
        let engine = TokenReplayEngine(net: compiled)
        let options = TokenReplayEngine.Options(considerRemainingInFitness: false,
                                                reachFinalMarkingThroughSilent: false, stopAtFirstProblem: true)
        var scratch = engine.makeScratch()
        var reachability = SilentReachability(net: compiled)
        var counts = EscapingEdgeCounts()
        counts.addInitial(reachability.visibleLabels(from: compiled.initialMarking), codes: codes,
                          variants: variants, caseCount: log.caseCount)
        var stack: [(node: Int, state: TokenReplayEngine.State)] = [(0, engine.initialState(recordsFirings: false))]
        let meter = ProgressMeter(progress, phase: "precision", total: tree.nodes.count, unit: "prefixes")
        var visited = 0
        while let (node, state) = stack.popLast() {
            visited += 1
            if visited & 255 == 0 { try Task.checkCancellation() }
            meter?.advance()
            let entry = tree.nodes[node]
            if entry.depth > 0 && entry.continuing > 0 && !state.stopped {
                counts.add(activated: reachability.visibleLabels(from: state.marking), observed: entry.next,
                           codes: codes, weight: entry.continuing)
            }
            for child in entry.children {
                var next = state
                if !next.stopped {
                    engine.replayEvent(codes[Int(tree.nodes[child].activity)], in: &next, options: options,
                                       scratch: &scratch)
                }
                stack.append((child, next))
            }
        }
        try Task.checkCancellation()
        meter?.finish()
        return counts.precision
    }
}

/// The running sums of ETConformance: activated tasks and escaping edges.
struct EscapingEdgeCounts {
    var activated = 0
    var escaping = 0

    /// Adds a prefix's activated label codes against the activity codes observed after it.
    mutating func add(activated labels: [Int32], observed: [Int32], codes: [Int32], weight: Int) {
        var observedLabels = Set<Int32>()
        for activity in observed where codes[Int(activity)] >= 0 { observedLabels.insert(codes[Int(activity)]) }
        activated += labels.count * weight
        escaping += labels.filter { !observedLabels.contains($0) }.count * weight
    }

    /// The empty prefix: transitions enabled initially against the start activities, once per case.
    mutating func addInitial(_ labels: [Int32], codes: [Int32], variants: TraceVariants, caseCount: Int) {
        var starts = Set<Int32>()
        for sequence in variants.sequences {
            if let first = sequence.first, codes[Int(first)] >= 0 { starts.insert(codes[Int(first)]) }
        }
        activated += caseCount * labels.count
        escaping += caseCount * labels.filter { !starts.contains($0) }.count
    }

    var precision: Double {
        activated > 0 ? 1 - Double(escaping) / Double(activated) : 1
    }
}
