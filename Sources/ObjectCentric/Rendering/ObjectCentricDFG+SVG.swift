import Discovery

extension ObjectCentricDFG {
    /// Colours for object types, in declaration order (repeating after ten types).
    public static let typePalette = ["#1F77B4", "#D62728", "#2CA02C", "#9467BD", "#FF7F0E", "#17BECF", "#8C564B", "#E377C2", "#7F7F7F", "#BCBD22"]

    /// The OC-DFG as a self-contained SVG: activities as boxes laid out by Discovery's layered layout, one
    /// arrow per object type and edge in that type's colour (labelled with its event couples), and a legend
    /// of the types. Activities and types keep their names; text is escaped with Discovery's escaping.
    ///
    /// ```swift
    /// try ObjectCentricDFG(log).svg().write(toFile: "ocdfg.svg", atomically: true, encoding: .utf8)
    /// ```
    public func svg() -> String {
        var used = Set<Int32>()
        for t in objectTypes {
            for e in t.edges { used.insert(e.from); used.insert(e.to) }
            used.formUnion(t.startActivities.keys)
            used.formUnion(t.endActivities.keys)
        }
        let nodes = used.sorted()
        var indexOf: [Int32: Int] = [:]
        for (i, a) in nodes.enumerated() { indexOf[a] = i }
        let fontSize = 12.0
        let sizes = nodes.map { LayeredLayout.Size(rank: 34, order: max(100, SVGText.width(of: activities[Int($0)], fontSize: fontSize) + 24)) }
        // One layout edge per activity pair, weighted by all types' couples; types share its route.
        var pairIndex: [Int: Int] = [:]
        var layoutEdges: [LayeredLayout.Edge] = []
        for t in objectTypes {
            for e in t.edges where e.from != e.to {
                let key = Int(e.from) << 32 | Int(e.to)
                if let i = pairIndex[key] {
                    layoutEdges[i].weight += Double(e.eventCouples)
                } else {
                    pairIndex[key] = layoutEdges.count
                    layoutEdges.append(.init(source: indexOf[e.from]!, target: indexOf[e.to]!, weight: Double(e.eventCouples)))
                }
            }
        }
        var layout = LayeredLayout(nodeSizes: sizes, edges: layoutEdges)
        layout.layerGap = 70
        layout.nodeGap = 40
        let result = layout.compute()
        let legendHeight = 24.0 + 18.0 * Double((objectTypes.count + 3) / 4)
        let width = max(result.orderExtent + 20, 520)
        let height = result.rankExtent + legendHeight + 20
        let point = { (p: LayeredLayout.Point) -> SVGPath.Point in (p.order, p.rank) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGText.number(width))\" height=\"\(SVGText.number(height))\" "
        out += "viewBox=\"0 0 \(SVGText.number(width)) \(SVGText.number(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n<g class=\"legend\">\n"
        for (i, t) in objectTypes.enumerated() {
            let x = 12 + Double(i % 4) * (width - 24) / 4, y = 16 + Double(i / 4) * 18
            out += "<rect x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y - 9))\" width=\"14\" height=\"10\" fill=\"\(Self.colour(i))\"/>"
            out += "<text x=\"\(SVGText.number(x + 20))\" y=\"\(SVGText.number(y))\" font-size=\"11\">\(SVGText.escape(t.name))</text>\n"
        }
        out += "</g>\n<g transform=\"translate(0,\(SVGText.number(legendHeight)))\">\n<g class=\"edges\">\n"
        for (typeIndex, t) in objectTypes.enumerated() {
            let colour = Self.colour(typeIndex)
            let offset = (Double(typeIndex) - Double(objectTypes.count - 1) / 2) * 3
            for e in t.edges {
                let s = indexOf[e.from]!, d = indexOf[e.to]!
                var route: [SVGPath.Point]
                if s == d {
                    let c = point(result.nodes[s]), half = sizes[s].order / 2
                    route = [(c.x + half - 10, c.y - 17), (c.x + half + 18 + offset, c.y - 30), (c.x + half + 24 + offset, c.y), (c.x + half, c.y + 4)]
                } else {
                    route = result.edgeRoutes[pairIndex[Int(e.from) << 32 | Int(e.to)]!].map(point).map { ($0.x + offset, $0.y) }
                }
                guard route.count >= 2 else { continue }
                let (short, tip, direction) = SVGPath.shortened(route, by: 7)
                let name = "\(activities[Int(e.from)]) → \(activities[Int(e.to)]) (\(t.name)): \(e.eventCouples) couples, \(e.uniqueObjects) objects, \(e.totalObjects) total"
                out += "<g class=\"edge\"><title>\(SVGText.escape(name))</title>"
                out += "<path d=\"\(SVGPath.smooth(short))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\" stroke-opacity=\"0.85\"/>"
                out += "<polygon points=\"\(SVGPath.arrowhead(tip: tip, direction: direction, length: 8, width: 7))\" fill=\"\(colour)\"/>"
                let mid = route[route.count / 2]
                out += "<text x=\"\(SVGText.number(mid.x + 4))\" y=\"\(SVGText.number(mid.y - 3))\" font-size=\"10\" fill=\"\(colour)\">\(e.eventCouples)</text></g>\n"
            }
        }
        out += "</g>\n<g class=\"activities\">\n"
        for (i, a) in nodes.enumerated() {
            let c = point(result.nodes[i])
            out += "<g class=\"activity\"><rect x=\"\(SVGText.number(c.x - sizes[i].order / 2))\" y=\"\(SVGText.number(c.y - 17))\" width=\"\(SVGText.number(sizes[i].order))\" height=\"34\" rx=\"6\" fill=\"#F4F6F8\" stroke=\"#44515E\"/>"
            out += "<text x=\"\(SVGText.number(c.x))\" y=\"\(SVGText.number(c.y + 4))\" font-size=\"\(SVGText.number(fontSize))\" text-anchor=\"middle\">\(SVGText.escape(activities[Int(a)]))</text></g>\n"
        }
        out += "</g>\n</g>\n</svg>\n"
        return out
    }

    static func colour(_ index: Int) -> String { typePalette[index % typePalette.count] }
}
