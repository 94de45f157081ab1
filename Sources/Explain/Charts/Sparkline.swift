/// Renders a series as a small line chart without axes, for KPI tiles (e.g. cases completed per week).
///
/// ```swift
/// let svg = Sparkline().svg(report.throughput.map { Double($0.casesCompleted) })
/// ```
public struct Sparkline: Sendable {
    public var width: Double
    public var height: Double
    public var color: String

    public init(width: Double = 160, height: Double = 36, color: String = "#3367d6") {
        self.width = width
        self.height = height
        self.color = color
    }

    /// The SVG document; an empty series draws a flat line.
    public func svg(_ values: [Double]) -> String {
        let finite = values.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let span = hi - lo > 0 ? hi - lo : 1
        let pad = 2.0
        let points: [(Double, Double)] = finite.count < 2
            ? [(pad, height / 2), (width - pad, height / 2)]
            : finite.enumerated().map { i, v in
                (pad + Double(i) / Double(finite.count - 1) * (width - 2 * pad),
                 height - pad - (v - lo) / span * (height - 2 * pad))
            }
        let path = points.map { "\(SVGText.coordinate($0.0)),\(SVGText.coordinate($0.1))" }.joined(separator: " ")
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGText.coordinate(width))\" height=\"\(SVGText.coordinate(height))\" viewBox=\"0 0 \(SVGText.coordinate(width)) \(SVGText.coordinate(height))\">\n"
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
        if let last = points.last {
            svg += "<circle cx=\"\(SVGText.coordinate(last.0))\" cy=\"\(SVGText.coordinate(last.1))\" r=\"2\" fill=\"\(color)\"/>\n"
        }
        return svg + "</svg>\n"
    }
}
