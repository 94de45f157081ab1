/// Renders a global explanation as a horizontal bar chart of mean |SHAP| (shap's `summary_plot` bar
/// style): strongest feature on top, bars coloured by the direction of the effect.
///
/// ```swift
/// let svg = ShapBarChart(maxFeatures: 10).svg(drivers.global)
/// ```
public struct ShapBarChart: Sendable {
    public var maxFeatures: Int
    public var width: Double

    public init(maxFeatures: Int = 10, width: Double = 640) {
        self.maxFeatures = maxFeatures
        self.width = width
    }

    /// The SVG document.
    public func svg(_ global: GlobalExplanation) -> String {
        svg(drivers: global.drivers, unit: global.unit)
    }

    /// The SVG document of drivers already ranked strongest first.
    public func svg(drivers all: [GlobalExplanation.Driver], unit: String) -> String {
        let drivers = Array(all.prefix(maxFeatures))
        let rowHeight = 24.0, top = 28.0, labelWidth = 240.0, right = 70.0
        let height = top + Double(drivers.count) * rowHeight + 16
        let maxValue = max(drivers.map(\.meanAbsoluteSHAP).max() ?? 0, 1e-12)
        let plotWidth = width - labelWidth - right
        var svg = header(width: width, height: height)
        svg += "<text x=\"\(SVGText.coordinate(labelWidth))\" y=\"16\" class=\"title\">mean |SHAP| (\(SVGText.escape(unit)))</text>\n"
        for (i, d) in drivers.enumerated() {
            let y = top + Double(i) * rowHeight
            let w = plotWidth * d.meanAbsoluteSHAP / maxValue
            let color = d.raisesTargetWhenHigh == false ? "#1e88e5" : "#ff0d57"
            svg += "<text x=\"\(SVGText.coordinate(labelWidth - 8))\" y=\"\(SVGText.coordinate(y + 16))\" text-anchor=\"end\">\(SVGText.escape(SVGText.truncate(d.feature, 36)))</text>\n"
            svg += "<rect x=\"\(SVGText.coordinate(labelWidth))\" y=\"\(SVGText.coordinate(y + 4))\" width=\"\(SVGText.coordinate(max(w, 1)))\" height=\"16\" fill=\"\(color)\"><title>\(SVGText.escape(d.feature)): \(SVGText.value(d.meanAbsoluteSHAP))</title></rect>\n"
            svg += "<text x=\"\(SVGText.coordinate(labelWidth + max(w, 1) + 6))\" y=\"\(SVGText.coordinate(y + 16))\">\(SVGText.value(d.meanAbsoluteSHAP))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func header(width: Double, height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGText.coordinate(width))\" height=\"\(SVGText.coordinate(height))\" "
            + "viewBox=\"0 0 \(SVGText.coordinate(width)) \(SVGText.coordinate(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
            + "<style>.title{font-weight:bold}</style>\n"
    }
}
