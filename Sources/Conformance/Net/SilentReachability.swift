/// The visible transitions a marking enables directly or after firing silent transitions, computed as
/// PM4Py's `get_visible_transitions_eventually_enabled_by_marking` does (ETConformance's "activated
/// transitions"), with results memoised per marking.
///
/// PM4Py walks a list of (transition, marking) pairs: enabled transitions in id order, and for every
/// silent one it fires, the transitions enabled afterwards, each remembered with the marking it was last
/// seen enabled in. The walk is reproduced step by step so the answers agree on every net.
package struct SilentReachability {
    private let net: CompiledNet
    private var memo: [[Int]: [Int32]] = [:]
    /// Safety bound on the walk for nets whose silent transitions loop forever.
    private let stepLimit = 200_000

    package init(net: CompiledNet) {
        self.net = net
    }

    /// Distinct label codes of the visible transitions eventually enabled in `marking`, ascending.
    package mutating func visibleLabels(from marking: [Int]) -> [Int32] {
        if let known = memo[marking] { return known }
        let labels = walk(from: marking)
        memo[marking] = labels
        return labels
    }

    private struct Visit: Hashable {
        var transition: Int
        var marking: [Int]
    }

    private func enabledByID(_ marking: [Int]) -> [Int] {
        net.transitionsByID.filter { net.isEnabled($0, in: marking) }
    }

    private func walk(from marking: [Int]) -> [Int32] {
        var pending = enabledByID(marking)
        var markingOf: [Int: [Int]] = [:]
        for t in pending { markingOf[t] = marking }
        var visited = Set<Visit>()
        var labels = Set<Int32>()
        var i = 0
        while i < pending.count && i < stepLimit {
            let t = pending[i]
            let current = markingOf[t] ?? marking
            let visit = Visit(transition: t, marking: current)
            if !visited.contains(visit) {
                if net.label[t] >= 0 {
                    labels.insert(net.label[t])
                } else if net.isEnabled(t, in: current) {
                    var next = current
                    net.fire(t, in: &next)
                    for t2 in enabledByID(next) {
                        pending.append(t2)
                        markingOf[t2] = next
                    }
                }
                visited.insert(visit)
            }
            i += 1
        }
        return labels.sorted()
    }
}
