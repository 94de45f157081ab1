extension ProcessTree {
    /// The tree as a Graphviz DOT digraph: operators as circles (→, ×, +, ↺), activities as boxes, silent
    /// leaves as small black dots; children left to right in order.
    ///
    /// ```swift
    /// print(ProcessTree.sequence([.activity("a"), .silent]).dot())
    /// ```
    public func dot() -> String {
        var out = "digraph process_tree {\n  node [fontname=\"Helvetica\"];\n  ordering=out;\n"
        var next = 0
        func emit(_ tree: ProcessTree) -> Int {
            let id = next
            next += 1
            switch tree {
            case .activity(let label):
                out += "  n\(id) [shape=box, style=rounded, label=\(DOTText.quote(label))];\n"
            case .silent:
                out += "  n\(id) [shape=point, width=0.15, label=\"tau\"];\n"
            case .sequence, .exclusiveChoice, .parallel, .loop:
                out += "  n\(id) [shape=circle, label=\(DOTText.quote(tree.drawingSymbol))];\n"
                for child in tree.children {
                    let childID = emit(child)
                    out += "  n\(id) -> n\(childID);\n"
                }
            }
            return id
        }
        _ = emit(self)
        return out + "}\n"
    }

    /// The operator's symbol for drawings: → sequence, × choice, + parallel, ↺ loop; empty for leaves.
    var drawingSymbol: String {
        switch self {
        case .sequence: "→"
        case .exclusiveChoice: "×"
        case .parallel: "+"
        case .loop: "↺"
        case .activity, .silent: ""
        }
    }
}
