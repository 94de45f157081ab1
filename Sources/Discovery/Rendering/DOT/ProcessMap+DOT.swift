extension ProcessMap {
    /// The map as a Graphviz DOT digraph (top to bottom), edges labelled with count and mean duration and
    /// drawn thicker the more frequent they are.
    ///
    /// ```swift
    /// try map.dot().write(toFile: "map.dot", atomically: true, encoding: .utf8)   // dot -Tsvg map.dot
    /// ```
    public func dot() -> String {
        let maxCount = Double(paths.map(\.count).max() ?? 1)
        func id(_ e: Endpoint) -> String {
            switch e {
            case .start: "\"@start\""
            case .end: "\"@end\""
            case .activity(let code): "\"a\(code)\""
            }
        }
        var out = "digraph process_map {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#DEEBF7\", fontname=\"Helvetica\"];\n"
        out += "  \"@start\" [shape=circle, label=\"\", fillcolor=\"#2CA25F\", width=0.3];\n"
        out += "  \"@end\" [shape=doublecircle, label=\"\", fillcolor=\"#A50F15\", width=0.3];\n"
        for activity in activities {
            out += "  \(id(.activity(activity.code))) [label=\(DOTText.quote("\(activity.name)\n\(activity.count)"))];\n"
        }
        for path in paths {
            let width = 1 + 5 * Double(path.count) / maxCount
            let label = "\(path.count)" + (path.meanSeconds.map { "\n" + SVGText.duration($0) } ?? "")
            out += "  \(id(path.source)) -> \(id(path.target)) [label=\(DOTText.quote(label)), penwidth=\(SVGText.number(width, digits: 2))];\n"
        }
        return out + "}\n"
    }
}
