extension DirectlyFollowsGraph {
    /// The graph as a Graphviz DOT digraph with start and end nodes and edge counts, like PM4Py's
    /// `view_dfg`.
    ///
    /// ```swift
    /// print(DirectlyFollowsGraph(log).dot())
    /// ```
    public func dot() -> String {
        let maxCount = Double(edges.map(\.count).max() ?? 1)
        var out = "digraph dfg {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#DEEBF7\", fontname=\"Helvetica\"];\n"
        out += "  \"@start\" [shape=circle, label=\"\", fillcolor=\"#2CA25F\", width=0.3];\n"
        out += "  \"@end\" [shape=doublecircle, label=\"\", fillcolor=\"#A50F15\", width=0.3];\n"
        for a in occurringActivities {
            out += "  \"a\(a)\" [label=\(DOTText.quote("\(activityNames[a]) (\(activityCounts[a]))"))];\n"
        }
        for a in occurringActivities where startActivityCounts[a] > 0 {
            out += "  \"@start\" -> \"a\(a)\" [label=\"\(startActivityCounts[a])\", style=dashed];\n"
        }
        for edge in edges {
            let width = 1 + 5 * Double(edge.count) / maxCount
            out += "  \"a\(edge.source)\" -> \"a\(edge.target)\" [label=\"\(edge.count)\", penwidth=\(SVGText.number(width, digits: 2))];\n"
        }
        for a in occurringActivities where endActivityCounts[a] > 0 {
            out += "  \"a\(a)\" -> \"@end\" [label=\"\(endActivityCounts[a])\", style=dashed];\n"
        }
        return out + "}\n"
    }
}
