/// Geometry helpers for drawing edges in SVG: smooth curves through route points and arrowheads.
package enum SVGPath {
    package typealias Point = (x: Double, y: Double)

    /// A smooth path through `points` (Catmull–Rom converted to cubic Béziers); straight for two points.
    package static func smooth(_ points: [Point]) -> String {
        guard let first = points.first else { return "" }
        var d = "M\(SVGText.number(first.x)),\(SVGText.number(first.y))"
        guard points.count > 2 else {
            for p in points.dropFirst() { d += " L\(SVGText.number(p.x)),\(SVGText.number(p.y))" }
            return d
        }
        for i in 0..<(points.count - 1) {
            let p0 = points[max(0, i - 1)], p1 = points[i], p2 = points[i + 1], p3 = points[min(points.count - 1, i + 2)]
            let c1 = (x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6)
            let c2 = (x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6)
            d += " C\(SVGText.number(c1.x)),\(SVGText.number(c1.y)) \(SVGText.number(c2.x)),\(SVGText.number(c2.y)) "
                + "\(SVGText.number(p2.x)),\(SVGText.number(p2.y))"
        }
        return d
    }

    /// Moves the last point of `points` back by `length` along the last segment (to leave room for an
    /// arrowhead) and returns the shortened route with the arrow's tip and direction.
    package static func shortened(_ points: [Point], by length: Double) -> (route: [Point], tip: Point, direction: Point) {
        guard points.count >= 2 else { return (points, points.first ?? (0, 0), (0, 1)) }
        let tip = points[points.count - 1], before = points[points.count - 2]
        var dx = tip.x - before.x, dy = tip.y - before.y
        let norm = max(1e-9, (dx * dx + dy * dy).squareRoot())
        dx /= norm
        dy /= norm
        var route = points
        let back = min(length, norm * 0.9)
        route[route.count - 1] = (tip.x - dx * back, tip.y - dy * back)
        return (route, tip, (dx, dy))
    }

    /// An arrowhead polygon with its tip at `tip`, pointing along the unit vector `direction`.
    package static func arrowhead(tip: Point, direction: Point, length: Double, width: Double) -> String {
        let base = (x: tip.x - direction.x * length, y: tip.y - direction.y * length)
        let normal = (x: -direction.y * width / 2, y: direction.x * width / 2)
        let points = [tip, (base.x + normal.x, base.y + normal.y), (base.x - normal.x, base.y - normal.y)]
        return points.map { "\(SVGText.number($0.0)),\(SVGText.number($0.1))" }.joined(separator: " ")
    }
}
