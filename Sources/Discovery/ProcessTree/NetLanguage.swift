/// Trace membership for a labelled Petri net by a breadth-first token game: the set of markings reachable
/// after each event (closed under silent transitions) is tracked until the trace ends, then checked for
/// the final marking. Used for process trees with repeated labels, whose nets are safe and small.
package struct NetLanguage: Sendable {
    private let presets: [[PetriNet.WeightedPlace]]
    private let postsets: [[PetriNet.WeightedPlace]]
    private let labels: [String?]
    private let initial: [Int]
    private let final: [Int]

    package init(_ net: PetriNet) {
        presets = net.presets
        postsets = net.postsets
        labels = net.transitions.map(\.label)
        var initial = [Int](repeating: 0, count: net.places.count)
        for (p, tokens) in net.initialMarking { initial[p] = tokens }
        var final = [Int](repeating: 0, count: net.places.count)
        for (p, tokens) in net.finalMarking { final[p] = tokens }
        self.initial = initial
        self.final = final
    }

    package func accepts(_ trace: [String]) -> Bool {
        var frontier = silentClosure([initial])
        for label in trace {
            var next: Set<[Int]> = []
            for marking in frontier {
                for t in labels.indices where labels[t] == label && isEnabled(t, in: marking) {
                    next.insert(fire(t, marking))
                }
            }
            if next.isEmpty { return false }
            frontier = silentClosure(next)
        }
        return frontier.contains(final)
    }

    private func silentClosure(_ markings: Set<[Int]>) -> Set<[Int]> {
        var seen = markings
        var stack = Array(markings)
        while let marking = stack.popLast() {
            for t in labels.indices where labels[t] == nil && isEnabled(t, in: marking) {
                let next = fire(t, marking)
                if seen.insert(next).inserted { stack.append(next) }
            }
        }
        return seen
    }

    private func isEnabled(_ t: Int, in marking: [Int]) -> Bool {
        presets[t].allSatisfy { marking[$0.place] >= $0.weight }
    }

    private func fire(_ t: Int, _ marking: [Int]) -> [Int] {
        var next = marking
        for input in presets[t] { next[input.place] -= input.weight }
        for output in postsets[t] { next[output.place] += output.weight }
        return next
    }
}
