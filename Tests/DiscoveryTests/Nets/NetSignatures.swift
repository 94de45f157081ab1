import Discovery

/// Order-independent descriptions of Petri nets for comparing with PM4Py's output.
enum NetSignatures {
    /// Each place as its sorted input labels, "->", its sorted output labels; sorted.
    static func places(_ net: PetriNet) -> [[String]] {
        net.places.indices.map { p -> [String] in
            let ins = net.arcs.compactMap { arc -> String? in
                guard arc.target == .place(p), case .transition(let t) = arc.source else { return nil }
                return net.transitions[t].label ?? "tau"
            }.sorted()
            let outs = net.arcs.compactMap { arc -> String? in
                guard arc.source == .place(p), case .transition(let t) = arc.target else { return nil }
                return net.transitions[t].label ?? "tau"
            }.sorted()
            return ins + ["->"] + outs
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Visible transitions' (label, in-degree, out-degree), sorted by label.
    static func visibleDegrees(_ net: PetriNet) -> [(label: String, in: Int, out: Int)] {
        net.transitions.indices.compactMap { t in
            guard let label = net.transitions[t].label else { return nil }
            let ins = net.arcs.filter { $0.target == .transition(t) }.count
            let outs = net.arcs.filter { $0.source == .transition(t) }.count
            return (label, ins, outs)
        }.sorted { $0.label < $1.label }
    }
}
