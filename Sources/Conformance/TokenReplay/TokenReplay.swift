import Discovery
import EventLog
import Foundation
import TracewiseSupport

/// Token-based replay of a log on a Petri net with PM4Py's semantics (`pm4py.fitness_token_based_replay`),
/// one replay per variant, variants spread across cores.
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
    /// How many threads replay variants at once (defaults to the active processor count).
    public var maximumConcurrency: Int
    /// Receives the variants replayed so far (nil by default). Replay stops with `CancellationError` soon
    /// after its task is cancelled.
    public var progress: ProgressHandler?

    public init(considerRemainingInFitness: Bool = true, reachFinalMarkingThroughSilent: Bool = true,
                maximumConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.considerRemainingInFitness = considerRemainingInFitness
        self.reachFinalMarkingThroughSilent = reachFinalMarkingThroughSilent
        self.maximumConcurrency = max(1, maximumConcurrency)
    }

    /// Variants a thread should have at least before the replay is split.
    private static let minimumVariantsPerThread = 64

    /// Replays every case of `log` on `net`.
    ///
    /// - Throws: ``ConformanceError`` `.emptyLog` for a log without cases, `.noInitialMarking` for a net
    ///   without initial tokens, `.unboundedNet` for a net with a transition that has no input place.
    ///   A net without final marking is replayed with PM4Py's semantics (every token left is remaining).
    ///   `CancellationError` when the task was cancelled.
    public func replay(_ log: EventLog, on net: PetriNet) throws -> TokenReplayResult {
        guard log.caseCount > 0 else { throw ConformanceError(.emptyLog, "the log has no cases") }
        let compiled = try CompiledNet(net, requireFinalMarking: false)
        let engine = TokenReplayEngine(net: compiled)
        let variants = TraceVariants(log)
        let codes = TraceVariants.labelCodes(for: log, in: compiled)
        let names = log.activityNames
        let options = TokenReplayEngine.Options(considerRemainingInFitness: considerRemainingInFitness,
                                                reachFinalMarkingThroughSilent: reachFinalMarkingThroughSilent)
        let threads = max(1, min(maximumConcurrency, variants.count / TokenReplay.minimumVariantsPerThread))
        var traces = [TokenReplayResult.VariantReplay?](repeating: nil, count: variants.count)
        let meter = ProgressMeter(progress, phase: "replay", total: variants.count, unit: "variants")
        TaskCancellation.whileRunning { cancellation in traces.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendable(buffer)
            let replayShare = { @Sendable (thread: Int) in
                var scratch = engine.makeScratch()
                for v in stride(from: thread, to: variants.count, by: threads) {
                    if cancellation.isCancelled { return }
                    let sequence = variants.sequences[v]
                    let outcome = engine.replay(sequence.lazy.map { codes[Int($0)] }, options: options,
                                                scratch: &scratch)
                    slots.value[v] = TokenReplayResult.VariantReplay(
                        activities: sequence.map { names[Int($0)] }, cases: variants.cases[v],
                        isFit: outcome.isFit, fitness: outcome.fitness, missingTokens: outcome.missing,
                        consumedTokens: outcome.consumed, remainingTokens: outcome.remaining,
                        producedTokens: outcome.produced,
                        firedTransitions: outcome.firings.map { compiled.transitionIDs[$0] },
                        problemTransitions: outcome.problemTransitions.map { compiled.transitionIDs[$0] },
                        unknownEvents: outcome.unknownEvents)
                    meter?.advance()
                }
            }
            ConcurrentWork.forEach(threads, replayShare)
        } }
        try Task.checkCancellation()
        meter?.finish()
        return TokenReplayResult(variants: traces.map { $0! }, caseCount: log.caseCount)
    }
}
