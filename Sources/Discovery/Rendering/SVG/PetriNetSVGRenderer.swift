import Foundation

/// Renders a ``PetriNet`` as a self-contained SVG document, left to right, with ``LayeredLayout``.
///
/// Places are circles showing their initial tokens (dots, or a number above three); places of the final
/// marking have a double border. Visible transitions are labelled boxes, silent transitions narrow black
/// bars. Arc weights above one are written on the arc. Every node has a `<title>` tooltip with its id.
///
/// ```swift
/// try PetriNetSVGRenderer().svg(for: net).write(toFile: "net.svg", atomically: true, encoding: .utf8)
/// ```
public struct PetriNetSVGRenderer: Sendable {
    public var fontSize: Double = 12
    public var maxLabelWidth: Double = 150

    public init() {}

    /// The SVG document text.
    public func svg(for net: PetriNet) -> String {
        let placeCount = net.places.count
        let nodeCount = placeCount + net.transitions.count
        let labels = net.transitions.map { transition in
            transition.label.map { SVGText.wrap($0, maxWidth: maxLabelWidth, fontSize: fontSize, maxLines: 3) } ?? []
        }
        // Layout axes: rank runs left to right (x), order top to bottom (y).
        let sizes = (0..<nodeCount).map { v -> LayeredLayout.Size in
            guard v >= placeCount else { return .init(rank: 30, order: 30) }
            let lines = labels[v - placeCount]
            guard !lines.isEmpty else { return .init(rank: 10, order: 36) }
            let width = lines.map { SVGText.width(of: $0, fontSize: fontSize) }.max() ?? 0
            return .init(rank: max(60, width + 16), order: Double(lines.count) * (fontSize + 3) + 16)
        }
        let index = { (node: PetriNet.Node) -> Int in
            switch node {
            case .place(let p): p
            case .transition(let t): placeCount + t
            }
        }
        let sources = net.initialMarking.keys.sorted()
        let sinks = net.finalMarking.keys.sorted()
        var layout = LayeredLayout(nodeSizes: sizes, edges: net.arcs.map { .init(source: index($0.source), target: index($0.target)) },
                                   firstNode: sources.count == 1 ? sources[0] : nil,
                                   lastNode: sinks.count == 1 && sinks != sources ? sinks[0] : nil)
        layout.layerGap = 36
        layout.nodeGap = 22
        let result = layout.compute()
        let point = { (p: LayeredLayout.Point) -> SVGPath.Point in (p.rank, p.order) }
        let width = result.rankExtent + 20, height = result.orderExtent + 20
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(SVGText.number(width))" height="\(SVGText.number(height))" viewBox="0 0 \(SVGText.number(width)) \(SVGText.number(height))" style="max-width:100%;height:auto" font-family="Helvetica, Arial, sans-serif">
        <style>.label { font-size: \(SVGText.number(fontSize))px; text-anchor: middle; } .weight { font-size: 11px; fill: #333; }</style>
        <rect width="100%" height="100%" fill="#ffffff"/>

        """
        out += "<g class=\"arcs\">\n"
        for (k, arc) in net.arcs.enumerated() {
            let source = index(arc.source), target = index(arc.target)
            var route = result.edgeRoutes[k].map(point)
            guard route.count >= 2 else { continue }
            route[0] = boundaryPoint(of: source, centre: point(result.nodes[source]), size: sizes[source], placeCount: placeCount, towards: route[1])
            route[route.count - 1] = boundaryPoint(of: target, centre: point(result.nodes[target]), size: sizes[target],
                                                   placeCount: placeCount, towards: route[route.count - 2])
            let (short, tip, direction) = SVGPath.shortened(route, by: 7)
            out += "<path d=\"\(SVGPath.smooth(short))\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\"/>"
            out += "<polygon points=\"\(SVGPath.arrowhead(tip: tip, direction: direction, length: 8, width: 7))\" fill=\"#333\"/>"
            if arc.weight > 1 {
                let mid = LabelPlacer.point(at: 0.5, of: route)
                out += "<text x=\"\(SVGText.number(mid.x))\" y=\"\(SVGText.number(mid.y - 4))\" class=\"weight\">\(arc.weight)</text>"
            }
            out += "\n"
        }
        out += "</g>\n<g class=\"nodes\">\n"
        for p in 0..<placeCount {
            let c = point(result.nodes[p])
            out += "<g class=\"place\"><title>\(SVGText.escape(net.places[p].name))</title>"
            out += "<circle cx=\"\(SVGText.number(c.x))\" cy=\"\(SVGText.number(c.y))\" r=\"15\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1.5\"/>"
            if net.finalMarking[p] != nil {
                out += "<circle cx=\"\(SVGText.number(c.x))\" cy=\"\(SVGText.number(c.y))\" r=\"11.5\" fill=\"none\" stroke=\"#222\" stroke-width=\"1\"/>"
            }
            out += tokens(net.initialMarking[p] ?? 0, at: c)
            out += "</g>\n"
        }
        for (t, transition) in net.transitions.enumerated() {
            let v = placeCount + t
            let c = point(result.nodes[v]), size = sizes[v]
            let x = c.x - size.rank / 2, y = c.y - size.order / 2
            out += "<g class=\"\(transition.isSilent ? "silent-transition" : "transition")\"><title>\(SVGText.escape(transition.label ?? "τ (\(transition.name))"))</title>"
            if transition.isSilent {
                out += "<rect x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y))\" width=\"\(SVGText.number(size.rank))\" height=\"\(SVGText.number(size.order))\" fill=\"#222\"/>"
            } else {
                out += "<rect x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y))\" width=\"\(SVGText.number(size.rank))\" height=\"\(SVGText.number(size.order))\" rx=\"3\" fill=\"#EEF4FA\" stroke=\"#222\" stroke-width=\"1.2\"/>"
                let lines = labels[t]
                var ty = c.y - Double(lines.count - 1) * (fontSize + 3) / 2 + fontSize * 0.35
                for line in lines {
                    out += "<text x=\"\(SVGText.number(c.x))\" y=\"\(SVGText.number(ty))\" class=\"label\">\(SVGText.escape(line))</text>"
                    ty += fontSize + 3
                }
            }
            out += "</g>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    private func tokens(_ count: Int, at c: SVGPath.Point) -> String {
        switch count {
        case 0: return ""
        case 1...3:
            let offsets: [(Double, Double)] = count == 1 ? [(0, 0)] : count == 2 ? [(-4, 0), (4, 0)] : [(-4, 3), (4, 3), (0, -4)]
            return offsets.map { "<circle cx=\"\(SVGText.number(c.x + $0.0))\" cy=\"\(SVGText.number(c.y + $0.1))\" r=\"3\" fill=\"#222\"/>" }.joined()
        default:
            return "<text x=\"\(SVGText.number(c.x))\" y=\"\(SVGText.number(c.y + 4))\" class=\"label\">\(count)</text>"
        }
    }

    /// Where a straight line from the node's centre towards `towards` leaves the node's outline.
    private func boundaryPoint(of v: Int, centre: SVGPath.Point, size: LayeredLayout.Size, placeCount: Int,
                               towards: SVGPath.Point) -> SVGPath.Point {
        var dx = towards.x - centre.x, dy = towards.y - centre.y
        let norm = max(1e-9, (dx * dx + dy * dy).squareRoot())
        dx /= norm
        dy /= norm
        if v < placeCount { return (centre.x + dx * 15, centre.y + dy * 15) }
        let halfW = size.rank / 2, halfH = size.order / 2
        let scale = min(abs(dx) > 1e-9 ? halfW / abs(dx) : .infinity, abs(dy) > 1e-9 ? halfH / abs(dy) : .infinity)
        return (centre.x + dx * scale, centre.y + dy * scale)
    }
}
