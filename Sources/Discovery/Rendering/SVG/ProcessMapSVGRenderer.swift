import Foundation

/// Renders a ``ProcessMap`` as a self-contained SVG document (no Graphviz, no fonts, no scripts).
///
/// Layout is ``LayeredLayout`` top to bottom from the start node to the end node. Activity boxes are
/// shaded by frequency; paths are drawn thicker the more frequent they are and coloured from grey (fast)
/// through orange to red (slow) by mean duration, with the count and mean duration as a label. Every node
/// and path has a `<title>` tooltip with the full figures, and a legend explains the scales.
///
/// ```swift
/// let svg = ProcessMapSVGRenderer().svg(for: ProcessMap(log: log, activityPercentage: 80, pathPercentage: 50))
/// try svg.write(to: URL(fileURLWithPath: "map.svg"), atomically: true, encoding: .utf8)
/// ```
public struct ProcessMapSVGRenderer: Sendable {
    public var fontSize: Double = 13
    /// The widest an activity box may get before its label wraps.
    public var maxLabelWidth: Double = 190
    public var title: String?
    /// What the shade of an activity box shows.
    public enum ActivityShading: String, Sendable, CaseIterable {
        /// Light to dark blue by log-frequency (Disco's default).
        case frequency
        /// Grey → orange → red by the mean wait before the activity, on the paths' duration scale.
        case meanWaiting
    }

    public var activityShading: ActivityShading = .frequency
    /// Whether the document starts with `<?xml …?>`; turn off to embed the SVG inline in HTML.
    public var xmlDeclaration: Bool = true

    public init(title: String? = nil, xmlDeclaration: Bool = true, activityShading: ActivityShading = .frequency) {
        self.title = title
        self.xmlDeclaration = xmlDeclaration
        self.activityShading = activityShading
    }

    static let frequencyPalette = [RGBColor(hex: 0xEFF3FF), RGBColor(hex: 0x9ECAE1), RGBColor(hex: 0x3182BD), RGBColor(hex: 0x08306B)]
    static let durationPalette = [RGBColor(hex: 0x8A99A8), RGBColor(hex: 0xF2A541), RGBColor(hex: 0xC0262D)]

    /// The SVG document text.
    public func svg(for map: ProcessMap) -> String {
        let endpoints: [ProcessMap.Endpoint] = [.start] + map.activities.map { .activity($0.code) } + [.end]
        var indexOf: [ProcessMap.Endpoint: Int] = [:]
        for (i, e) in endpoints.enumerated() { indexOf[e] = i }
        let labels = endpoints.map { endpoint -> [String] in
            guard case .activity = endpoint else { return [] }
            return SVGText.wrap(map.name(of: endpoint), maxWidth: maxLabelWidth, fontSize: fontSize)
        }
        let counts = endpoints.map { endpoint -> Int in
            guard case .activity(let code) = endpoint else { return map.caseCount }
            return map.activities.first { $0.code == code }?.count ?? 0
        }
        let sizes = endpoints.indices.map { i -> LayeredLayout.Size in
            guard case .activity = endpoints[i] else { return .init(rank: 30, order: 30) }
            let textWidth = (labels[i] + [SVGText.count(counts[i])]).map { SVGText.width(of: $0, fontSize: fontSize) }.max() ?? 0
            return .init(rank: Double(labels[i].count + 1) * (fontSize + 3) + 14, order: max(110, textWidth + 28))
        }
        let usable = map.paths.filter { indexOf[$0.source] != nil && indexOf[$0.target] != nil }
        let maxCount = Double(usable.map(\.count).max() ?? 1)
        var layout = LayeredLayout(
            nodeSizes: sizes,
            edges: usable.map { .init(source: indexOf[$0.source]!, target: indexOf[$0.target]!, weight: Double($0.count)) },
            firstNode: 0, lastNode: endpoints.count - 1)
        layout.layerGap = 70
        layout.nodeGap = 46
        let result = layout.compute()

        let legendHeight = 86.0
        let width = max(result.orderExtent + 20, 640)
        let height = result.rankExtent + legendHeight + 20
        let waits = activityShading == .meanWaiting ? map.activities.compactMap(\.meanWaitingSeconds) : []
        let durations = (usable.compactMap(\.meanSeconds) + waits).filter { $0 > 0 }
        let durationRange = (min: durations.min() ?? 1, max: durations.max() ?? 1)
        var out = header(width: width, height: height)
        out += legend(map, width: width, durationRange: durationRange, hasDurations: !durations.isEmpty)
        out += "<g transform=\"translate(0,\(SVGText.number(legendHeight)))\">\n"

        let point = { (p: LayeredLayout.Point) -> SVGPath.Point in (p.order, p.rank) }
        var labelPlacer = LabelPlacer(obstacles: endpoints.indices.map { i in
            let c = point(result.nodes[i])
            return (c.x - sizes[i].order / 2, c.y - sizes[i].rank / 2, sizes[i].order, sizes[i].rank)
        })
        out += "<g class=\"paths\">\n"
        for (index, path) in usable.enumerated() {
            let source = indexOf[path.source]!, target = indexOf[path.target]!
            let thickness = 1.2 + 7 * log(1 + Double(path.count)) / log(1 + maxCount)
            let colour = path.meanSeconds.map { durationColour($0, durationRange).css } ?? "#8A99A8"
            var route: [SVGPath.Point]
            if source == target {
                route = selfLoop(around: point(result.nodes[source]), size: sizes[source])
            } else {
                route = result.edgeRoutes[index].map(point)
                route = spreadEnds(route, sourceSize: sizes[source], targetSize: sizes[target],
                                   source: point(result.nodes[source]), target: point(result.nodes[target]))
                if result.layers[source] >= result.layers[target] { route = bulge(route) }
            }
            let arrowLength = 7 + thickness * 1.2
            let (shortRoute, tip, direction) = SVGPath.shortened(route, by: arrowLength * 0.8)
            let tooltip = "\(map.name(of: path.source)) → \(map.name(of: path.target)): \(SVGText.count(path.count))"
                + (path.meanSeconds.map { ", mean \(SVGText.duration($0))" } ?? "")
            out += "<g class=\"path\"><title>\(SVGText.escape(tooltip))</title>"
            out += "<path d=\"\(SVGPath.smooth(shortRoute))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(SVGText.number(thickness))\" stroke-opacity=\"0.85\"/>"
            out += "<polygon points=\"\(SVGPath.arrowhead(tip: tip, direction: direction, length: arrowLength, width: arrowLength * 0.9))\" fill=\"\(colour)\"/>"
            let label = SVGText.count(path.count) + (path.meanSeconds.map { " · " + SVGText.duration($0) } ?? "")
            let labelWidth = SVGText.width(of: label, fontSize: 11)
            let anchor = labelPlacer.place(width: labelWidth, height: 13, along: source == target ? Array(route[1...3]) : route)
            out += "<text x=\"\(SVGText.number(anchor.x))\" y=\"\(SVGText.number(anchor.y))\" class=\"edge-label\">\(SVGText.escape(label))</text>"
            out += "</g>\n"
        }
        out += "</g>\n<g class=\"nodes\">\n"
        let maxActivity = Double(map.activities.map(\.count).max() ?? 1)
        for (i, endpoint) in endpoints.enumerated() {
            let centre = point(result.nodes[i])
            switch endpoint {
            case .start:
                out += "<g class=\"start\"><title>start: \(SVGText.count(map.caseCount)) cases</title>"
                out += "<circle cx=\"\(SVGText.number(centre.x))\" cy=\"\(SVGText.number(centre.y))\" r=\"15\" fill=\"#2CA25F\"/>"
                out += "<polygon points=\"\(SVGText.number(centre.x - 4)),\(SVGText.number(centre.y - 7)) \(SVGText.number(centre.x + 7)),\(SVGText.number(centre.y)) \(SVGText.number(centre.x - 4)),\(SVGText.number(centre.y + 7))\" fill=\"#fff\"/></g>\n"
            case .end:
                out += "<g class=\"end\"><title>end</title>"
                out += "<circle cx=\"\(SVGText.number(centre.x))\" cy=\"\(SVGText.number(centre.y))\" r=\"15\" fill=\"#A50F15\"/>"
                out += "<rect x=\"\(SVGText.number(centre.x - 6))\" y=\"\(SVGText.number(centre.y - 6))\" width=\"12\" height=\"12\" fill=\"#fff\"/></g>\n"
            case .activity:
                let size = sizes[i]
                let activity = map.activities.first { .activity($0.code) == endpoint }
                let fill: RGBColor
                if activityShading == .meanWaiting, let wait = activity?.meanWaitingSeconds {
                    fill = durationColour(wait, durationRange)
                } else {
                    fill = RGBColor.along(Self.frequencyPalette, at: log(1 + Double(counts[i])) / log(1 + maxActivity))
                }
                let wait = activity?.meanWaitingSeconds.map { ", mean wait \(SVGText.duration($0))" } ?? ""
                let textColour = fill.luminance < 0.55 ? "#ffffff" : "#102030"
                out += "<g class=\"activity\"><title>\(SVGText.escape(map.name(of: endpoint))): \(SVGText.count(counts[i]))\(SVGText.escape(wait))</title>"
                out += "<rect x=\"\(SVGText.number(centre.x - size.order / 2))\" y=\"\(SVGText.number(centre.y - size.rank / 2))\" "
                    + "width=\"\(SVGText.number(size.order))\" height=\"\(SVGText.number(size.rank))\" rx=\"8\" fill=\"\(fill.css)\" stroke=\"#31556F\" stroke-width=\"1.2\"/>"
                let lines = labels[i] + [SVGText.count(counts[i])]
                let lineHeight = fontSize + 3
                var y = centre.y - Double(lines.count - 1) * lineHeight / 2 + fontSize * 0.35
                for (k, line) in lines.enumerated() {
                    let cls = k == lines.count - 1 ? "count" : "label"
                    out += "<text x=\"\(SVGText.number(centre.x))\" y=\"\(SVGText.number(y))\" class=\"\(cls)\" fill=\"\(textColour)\">\(SVGText.escape(line))</text>"
                    y += lineHeight
                }
                out += "</g>\n"
            }
        }
        out += "</g>\n</g>\n</svg>\n"
        return out
    }

    private func durationColour(_ seconds: Double, _ range: (min: Double, max: Double)) -> RGBColor {
        guard range.max > range.min, seconds > 0 else { return Self.durationPalette[0] }
        let t = (log(seconds) - log(range.min)) / (log(range.max) - log(range.min))
        return RGBColor.along(Self.durationPalette, at: t)
    }

    private func header(width: Double, height: Double) -> String {
        let w = SVGText.number(width), h = SVGText.number(height)
        return (xmlDeclaration ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "") + """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" style="max-width:100%;height:auto" font-family="Helvetica, Arial, sans-serif">
        <style>
        .label { font-size: \(SVGText.number(fontSize))px; text-anchor: middle; font-weight: 600; }
        .count { font-size: \(SVGText.number(fontSize - 1))px; text-anchor: middle; }
        .edge-label { font-size: 11px; fill: #333; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        .legend { font-size: 12px; fill: #333; }
        .legend-title { font-size: 15px; font-weight: 700; fill: #102030; }
        </style>
        <rect width="100%" height="100%" fill="#ffffff"/>

        """
    }

    private func legend(_ map: ProcessMap, width: Double, durationRange: (min: Double, max: Double), hasDurations: Bool) -> String {
        let heading = title.map { $0 + " — " } ?? ""
        var out = "<g class=\"legend\">\n"
        out += "<text x=\"20\" y=\"26\" class=\"legend-title\">\(SVGText.escape(heading))Process map: \(SVGText.count(map.caseCount)) cases, "
            + "\(map.activities.count) of \(map.totalActivityCount) activities, \(map.paths.count) of \(map.totalPathCount) paths</text>\n"
        let shadedByWait = activityShading == .meanWaiting && hasDurations
        out += "<text x=\"20\" y=\"50\" class=\"legend\">\(shadedByWait ? "Activity mean wait" : "Activity frequency")</text>"
        for k in 0..<5 {
            let colour = RGBColor.along(shadedByWait ? Self.durationPalette : Self.frequencyPalette, at: Double(k) / 4).css
            out += "<rect x=\"\(140 + k * 22)\" y=\"38\" width=\"20\" height=\"16\" fill=\"\(colour)\" stroke=\"#31556F\" stroke-width=\"0.6\"/>"
        }
        out += "<text x=\"20\" y=\"74\" class=\"legend\">Path frequency</text>"
        for (k, thickness) in [1.2, 3.5, 6.0, 8.2].enumerated() {
            let x = 140 + Double(k) * 28
            out += "<line x1=\"\(SVGText.number(x))\" y1=\"70\" x2=\"\(SVGText.number(x + 22))\" y2=\"70\" stroke=\"#8A99A8\" stroke-width=\"\(SVGText.number(thickness))\"/>"
        }
        if hasDurations {
            out += "<defs><linearGradient id=\"duration-scale\">"
            for (k, colour) in Self.durationPalette.enumerated() {
                out += "<stop offset=\"\(k * 100 / (Self.durationPalette.count - 1))%\" stop-color=\"\(colour.css)\"/>"
            }
            out += "</linearGradient></defs>"
            out += "<text x=\"290\" y=\"50\" class=\"legend\">\(shadedByWait ? "Mean duration" : "Mean path duration")</text>"
            out += "<rect x=\"410\" y=\"38\" width=\"160\" height=\"16\" fill=\"url(#duration-scale)\"/>"
            out += "<text x=\"410\" y=\"74\" class=\"legend\">\(SVGText.escape(SVGText.duration(durationRange.min)))</text>"
            out += "<text x=\"570\" y=\"74\" class=\"legend\" text-anchor=\"end\">\(SVGText.escape(SVGText.duration(durationRange.max)))</text>"
        }
        out += "\n</g>\n"
        return out
    }

    /// Spreads the ends of a route along the source's bottom and the target's top edge so that many
    /// paths into one activity do not meet in a single point.
    private func spreadEnds(_ route: [SVGPath.Point], sourceSize: LayeredLayout.Size, targetSize: LayeredLayout.Size,
                            source: SVGPath.Point, target: SVGPath.Point) -> [SVGPath.Point] {
        guard route.count >= 2 else { return route }
        var route = route
        let firstNext = route[1], lastPrevious = route[route.count - 2]
        let sourceSpread = sourceSize.order / 2 - 10, targetSpread = targetSize.order / 2 - 10
        route[0].x += max(-sourceSpread, min(sourceSpread, (firstNext.x - source.x) * 0.35))
        route[route.count - 1].x += max(-targetSpread, min(targetSpread, (lastPrevious.x - target.x) * 0.35))
        return route
    }

    /// Pushes a backward path sideways so it does not run on top of the forward path between the same nodes.
    private func bulge(_ route: [SVGPath.Point]) -> [SVGPath.Point] {
        guard route.count >= 2 else { return route }
        if route.count == 2 {
            let a = route[0], b = route[1]
            return [a, ((a.x + b.x) / 2 + 34, (a.y + b.y) / 2), b]
        }
        return route.enumerated().map { i, p in i == 0 || i == route.count - 1 ? p : (p.x + 26, p.y) }
    }

    /// A loop from the right side of a node back into it.
    private func selfLoop(around centre: SVGPath.Point, size: LayeredLayout.Size) -> [SVGPath.Point] {
        let right = centre.x + size.order / 2
        return [(right, centre.y - 8), (right + 26, centre.y - 16), (right + 34, centre.y), (right + 26, centre.y + 16), (right + 1, centre.y + 8)]
    }
}
