extension PetriNet {
    /// The net as a Graphviz DOT digraph (left to right): places as circles showing their initial tokens
    /// (the final marking's places drawn double), visible transitions as labelled boxes, silent ones as
    /// small black boxes, arc weights above one as labels.
    ///
    /// ```swift
    /// print(net.dot())   // dot -Tsvg
    /// ```
    public func dot() -> String {
        var out = "digraph petri_net {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
        for (p, place) in places.enumerated() {
            let tokens = initialMarking[p] ?? 0
            let label = tokens == 0 ? "" : tokens == 1 ? "●" : "\(tokens)"
            let shape = finalMarking[p] != nil ? "doublecircle" : "circle"
            out += "  \"p\(p)\" [shape=\(shape), label=\(DOTText.quote(label)), tooltip=\(DOTText.quote(place.name)), width=0.4, fixedsize=true];\n"
        }
        for (t, transition) in transitions.enumerated() {
            if let label = transition.label {
                out += "  \"t\(t)\" [shape=box, label=\(DOTText.quote(label))];\n"
            } else {
                out += "  \"t\(t)\" [shape=box, style=filled, fillcolor=black, label=\"\", width=0.15, height=0.4, tooltip=\(DOTText.quote(transition.name))];\n"
            }
        }
        for arc in arcs {
            let weight = arc.weight > 1 ? " [label=\"\(arc.weight)\"]" : ""
            out += "  \(dotID(arc.source)) -> \(dotID(arc.target))\(weight);\n"
        }
        return out + "}\n"
    }

    private func dotID(_ node: Node) -> String {
        switch node {
        case .place(let p): "\"p\(p)\""
        case .transition(let t): "\"t\(t)\""
        }
    }
}
