/// A heuristics net (Weijters' Heuristics Miner): activities connected by dependency arcs, with AND
/// relations between the successors (and predecessors) of each activity.
///
/// Produced by ``HeuristicsMiner``; convert it to a Petri net with ``petriNet()``.
public struct HeuristicsNet: Hashable, Sendable {
    /// One dependency arc: `target` depends on `source`.
    public struct Arc: Hashable, Sendable {
        public let source: Int
        public let target: Int
        /// The dependency measure `(|a>b| - |b>a|) / (|a>b| + |b>a| + 1)` (`|a>a| / (|a>a| + 1)` for a
        /// self-loop); 0 for arcs added by length-two loop detection.
        public let dependency: Double
        /// How often `target` directly follows `source` (after the DFG noise cleaning).
        public let count: Int
    }

    /// Activity names indexed by code (the log's codes).
    public let activityNames: [String]
    /// Activities in the net, in order of appearance.
    public let nodes: [Int]
    /// Dependency arcs, in order of appearance.
    public let arcs: [Arc]
    /// Activity occurrences by code.
    public let activityCounts: [Int]
    /// Activities that start (end) some case, with counts, by code.
    public let startActivityCounts: [Int]
    public let endActivityCounts: [Int]
    /// For each node: pairs of its successors in an AND relation (AND measure ≥ the threshold).
    public let andSplits: [Int: [Pair]]
    /// For each node: pairs of its predecessors in an AND relation.
    public let andJoins: [Int: [Pair]]

    public struct Pair: Hashable, Sendable {
        public let first: Int
        public let second: Int
    }

    /// Successors of `node` (targets of its arcs), in arc order.
    public func successors(of node: Int) -> [Int] { arcs.filter { $0.source == node }.map(\.target) }
    /// Predecessors of `node` (sources of arcs into it), in arc order.
    public func predecessors(of node: Int) -> [Int] { arcs.filter { $0.target == node }.map(\.source) }
}
