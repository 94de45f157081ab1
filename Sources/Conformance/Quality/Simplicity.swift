import Discovery

/// Simplicity by arc degree, as PM4Py's `pm4py.simplicity_petri_net` (Vázquez-Barreiros et al.):
/// `1 / (1 + max(mean degree − k, 0))` where a node's degree counts its incoming and outgoing arcs over
/// all places and transitions, and `k` (2 by default) is the baseline degree.
///
/// ```swift
/// let value = Simplicity().simplicity(of: net)
/// ```
public struct Simplicity: Sendable {
    /// The baseline arc degree subtracted from the mean.
    public var baselineDegree: Double

    public init(baselineDegree: Double = 2) {
        self.baselineDegree = baselineDegree
    }

    public func simplicity(of net: PetriNet) -> Double {
        let nodes = net.places.count + net.transitions.count
        guard nodes > 0 else { return 1 / (1 + max(-baselineDegree, 0)) }
        let meanDegree = Double(2 * net.arcs.count) / Double(nodes)
        return 1 / (1 + max(meanDegree - baselineDegree, 0))
    }
}
