/// Renders a local explanation as a waterfall: from the expected value, each contribution moves the
/// running total (red up, blue down) until the case's prediction.
///
/// ```swift
/// let svg = WaterfallChart().svg(drivers.local(row: 0), unit: "hours")
/// ```
public struct WaterfallChart: Sendable {
    public var width: Double

    public init(width: Double = 640) {
        self.width = width
    }

    /// The SVG document.
    public func svg(_ local: LocalExplanation, unit: String) -> String {
        let steps = local.waterfall
        let rowHeight = 24.0, top = 30.0, labelWidth = 240.0, right = 70.0
        let height = top + Double(steps.count + 1) * rowHeight + 20
        let values = [local.expectedValue, local.prediction] + steps.flatMap { [$0.start, $0.end] }
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let span = max(hi - lo, 1e-12)
        let plotWidth = width - labelWidth - right
        func x(_ v: Double) -> Double { labelWidth + (v - lo) / span * plotWidth }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGText.coordinate(width))\" height=\"\(SVGText.coordinate(height))\" "
            + "viewBox=\"0 0 \(SVGText.coordinate(width)) \(SVGText.coordinate(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        svg += "<text x=\"8\" y=\"16\" font-weight=\"bold\">case \(SVGText.escape(local.caseID)): expected \(SVGText.value(local.expectedValue)) → prediction \(SVGText.value(local.prediction)) \(SVGText.escape(unit))</text>\n"
        for (i, step) in steps.enumerated() {
            let y = top + Double(i) * rowHeight
            let x0 = x(min(step.start, step.end)), x1 = x(max(step.start, step.end))
            let color = step.end >= step.start ? "#ff0d57" : "#1e88e5"
            let delta = step.end - step.start
            svg += "<text x=\"\(SVGText.coordinate(labelWidth - 8))\" y=\"\(SVGText.coordinate(y + 16))\" text-anchor=\"end\">\(SVGText.escape(SVGText.truncate(step.label, 36)))</text>\n"
            svg += "<rect x=\"\(SVGText.coordinate(x0))\" y=\"\(SVGText.coordinate(y + 4))\" width=\"\(SVGText.coordinate(max(x1 - x0, 1)))\" height=\"16\" fill=\"\(color)\"/>\n"
            svg += "<text x=\"\(SVGText.coordinate(x1 + 6))\" y=\"\(SVGText.coordinate(y + 16))\">\(delta >= 0 ? "+" : "")\(SVGText.value(delta))</text>\n"
        }
        let axisY = top + Double(steps.count) * rowHeight + 8
        svg += "<line x1=\"\(SVGText.coordinate(x(local.expectedValue)))\" y1=\"\(SVGText.coordinate(top))\" x2=\"\(SVGText.coordinate(x(local.expectedValue)))\" y2=\"\(SVGText.coordinate(axisY))\" stroke=\"#888\" stroke-dasharray=\"3,3\"/>\n"
        svg += "<line x1=\"\(SVGText.coordinate(x(local.prediction)))\" y1=\"\(SVGText.coordinate(top))\" x2=\"\(SVGText.coordinate(x(local.prediction)))\" y2=\"\(SVGText.coordinate(axisY))\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(SVGText.coordinate(x(local.expectedValue)))\" y=\"\(SVGText.coordinate(axisY + 14))\" text-anchor=\"middle\" fill=\"#666\">E[f] = \(SVGText.value(local.expectedValue))</text>\n"
        return svg + "</svg>\n"
    }
}
