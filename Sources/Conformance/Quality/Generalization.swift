import Discovery
import EventLog

/// Generalization as PM4Py's token-based definition (`pm4py.generalization_tbr`).
///
/// Every case is replayed with ``TokenReplay``; a transition fired `n` times over all cases contributes
/// `1/√n`, a transition never fired contributes 1, and generalization is `1 − Σ / |T|` — models whose
/// transitions are each exercised often generalise well.
///
/// ```swift
/// let value = try Generalization().generalization(of: log, on: net)
/// ```
public struct Generalization: Sendable {
    public init() {}

    /// - Throws: what ``TokenReplay/replay(_:on:)`` throws.
    public func generalization(of log: EventLog, on net: PetriNet) throws -> Double {
        let replay = try TokenReplay().replay(log, on: net)
        return Self.generalization(of: replay, on: net)
    }

    /// Generalization from an existing replay of the log on `net`.
    public static func generalization(of replay: TokenReplayResult, on net: PetriNet) -> Double {
        guard !net.transitions.isEmpty else { return 1 }
        var firings: [String: Int] = [:]
        for variant in replay.variants {
            for transition in variant.firedTransitions { firings[transition, default: 0] += variant.cases.count }
        }
        var sum = 0.0
        for transition in net.transitions {
            if let n = firings[transition.id], n > 0 {
                sum += 1 / Double(n).squareRoot()
            } else {
                sum += 1
            }
        }
        return 1 - sum / Double(net.transitions.count)
    }
}
