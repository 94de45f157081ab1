import Discovery
import EventLog

/// Token-based replay of a log on a Petri net with PM4Py's semantics (`pm4py.fitness_token_based_replay`),
/// one replay per variant.
///
/// ```swift
/// let result = try TokenReplay().replay(log, on: net)
/// print(result.logFitness, result.averageTraceFitness, result.percentFittingTraces)
/// ```
public struct TokenReplay: Sendable {
    /// Count remaining tokens when deciding whether a trace fits (PM4Py's fitness evaluation does).
    public var considerRemainingInFitness: Bool
    /// Fire silent paths towards the final marking after the last event.
    public var reachFinalMarkingThroughSilent: Bool

    public init(considerRemainingInFitness: Bool = true, reachFinalMarkingThroughSilent: Bool = true) {
        self.considerRemainingInFitness = considerRemainingInFitness
        self.reachFinalMarkingThroughSilent = reachFinalMarkingThroughSilent
    }

    /// Replays every case of `log` on `net`.
    ///
    /// - Throws: ``ConformanceError`` `.emptyLog` for a log without cases, `.noInitialMarking` for a net
    ///   without initial tokens, `.unboundedNet` for a net with a transition that has no input place.
    ///   A net without final marking is replayed with PM4Py's semantics (every token left is remaining).
    public func replay(_ log: EventLog, on net: PetriNet) throws -> TokenReplayResult {
        guard log.caseCount > 0 else { throw ConformanceError(.emptyLog, "the log has no cases") }
        let compiled = try CompiledNet(net, requireFinalMarking: false)
        let engine = TokenReplayEngine(net: compiled)
        let variants = TraceVariants(log)
        let codes = TraceVariants.labelCodes(for: log, in: compiled)
        let options = TokenReplayEngine.Options(considerRemainingInFitness: considerRemainingInFitness,
                                                reachFinalMarkingThroughSilent: reachFinalMarkingThroughSilent)
        let outcomes = variants.sequences.map { sequence in
            engine.replay(sequence.lazy.map { codes[Int($0)] }, options: options)
        }
        let traces = outcomes.enumerated().map { v, outcome in
            TokenReplayResult.VariantReplay(
                activities: variants.sequences[v].map { log.activityNames[Int($0)] },
                cases: variants.cases[v], isFit: outcome.isFit, fitness: outcome.fitness,
                missingTokens: outcome.missing, consumedTokens: outcome.consumed,
                remainingTokens: outcome.remaining, producedTokens: outcome.produced,
                firedTransitions: outcome.firings.map { compiled.transitionIDs[$0] },
                problemTransitions: outcome.problemTransitions.map { compiled.transitionIDs[$0] },
                unknownEvents: outcome.unknownEvents)
        }
        return TokenReplayResult(variants: traces, caseCount: log.caseCount)
    }
}
