/// Greedy placement of edge labels: tries positions along the edge's route (middle first) and takes the
/// first whose box overlaps no node and no label placed before; falls back to the middle.
struct LabelPlacer {
    typealias Box = (x: Double, y: Double, width: Double, height: Double)
    private var taken: [Box]

    init(obstacles: [Box]) { taken = obstacles }

    /// The baseline-left anchor for a label of the given size near `route`, and records its box.
    mutating func place(width: Double, height: Double, along route: [SVGPath.Point]) -> SVGPath.Point {
        let fractions = [0.5, 0.38, 0.62, 0.27, 0.73, 0.16, 0.84]
        var fallback: Box?
        for fraction in fractions {
            let p = Self.point(at: fraction, of: route)
            for offset in [(4.0, 4.0), (-width - 4, 4.0), (-width / 2, -6.0)] {
                let box: Box = (p.x + offset.0, p.y + offset.1 - height + 3, width, height)
                if fallback == nil { fallback = box }
                if !taken.contains(where: { Self.overlap($0, box) }) {
                    taken.append(box)
                    return (box.x, box.y + height - 3)
                }
            }
        }
        let box = fallback ?? (0, 0, width, height)
        taken.append(box)
        return (box.x, box.y + height - 3)
    }

    private static func overlap(_ a: Box, _ b: Box) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    /// The point at `fraction` of the polyline's length.
    static func point(at fraction: Double, of route: [SVGPath.Point]) -> SVGPath.Point {
        guard route.count >= 2 else { return route.first ?? (0, 0) }
        let lengths = zip(route, route.dropFirst()).map { a, b in ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot() }
        var remaining = lengths.reduce(0, +) * fraction
        for (i, length) in lengths.enumerated() {
            if remaining <= length, length > 0 {
                let t = remaining / length
                return (route[i].x + (route[i + 1].x - route[i].x) * t, route[i].y + (route[i + 1].y - route[i].y) * t)
            }
            remaining -= length
        }
        return route[route.count - 1]
    }
}
