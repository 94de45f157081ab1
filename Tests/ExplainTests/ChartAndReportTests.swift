import EventLog
import Explain
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

final class ChartAndReportTests: XCTestCase {
    private func parses(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(parser.parserError.map(String.init(describing:)) ?? "")", file: file, line: line)
    }

    func testShapBarChartDrawsOneBarPerFeatureStrongestFirst() {
        let drivers = [
            GlobalExplanation.Driver(feature: "region=South", meanAbsoluteSHAP: 8, meanSHAP: 1, raisesTargetWhenHigh: true),
            GlobalExplanation.Driver(feature: "a<b & \"c\"", meanAbsoluteSHAP: 2, meanSHAP: -1, raisesTargetWhenHigh: false),
        ]
        let svg = ShapBarChart().svg(drivers: drivers, unit: "hours")
        parses(svg)
        XCTAssertEqual(svg.components(separatedBy: "<rect").count - 1, 2)
        XCTAssertTrue(svg.contains("a&lt;b &amp; &quot;c&quot;"))
        XCTAssertLessThan(svg.range(of: "region=South")!.lowerBound, svg.range(of: "a&lt;b")!.lowerBound)
        XCTAssertTrue(svg.contains("#1e88e5"))
    }

    /// Feature names come from log attributes, which may hold control characters XML 1.0 cannot represent
    /// even as references; the chart must still be well-formed XML.
    func testChartsWithControlCharactersInLabelsAreWellFormedXML() {
        let label = "region\u{1}=North\u{7}\u{1B}[0m\tand\nmore"
        let drivers = [GlobalExplanation.Driver(feature: label, meanAbsoluteSHAP: 3, meanSHAP: 1, raisesTargetWhenHigh: true)]
        let bars = ShapBarChart().svg(drivers: drivers, unit: "hours")
        parses(bars)
        XCTAssertTrue(bars.contains("region=North[0m&#9;and&#10;more"), bars)
        let shap = ShapValues(featureNames: [label, "b"], expectedValue: 10, values: [3, -1])
        let local = LocalExplanation(row: 0, shap: shap, features: FeatureMatrix(names: [label, "b"], rows: [[1, 2]], caseIDs: ["c\u{0}"]))
        parses(WaterfallChart().svg(local, unit: "hours\u{2}"))
    }

    func testWaterfallAndSparkline() {
        let shap = ShapValues(featureNames: ["a", "b"], expectedValue: 10, values: [3, -1])
        let local = LocalExplanation(row: 0, shap: shap, features: FeatureMatrix(names: ["a", "b"], rows: [[1, 2]], caseIDs: ["c"]))
        let svg = WaterfallChart().svg(local, unit: "hours")
        parses(svg)
        XCTAssertTrue(svg.contains("prediction 12.0 hours"))
        XCTAssertTrue(svg.contains("+3.00") && svg.contains("-1.00"))
        parses(Sparkline().svg([1, 5, 3]))
        parses(Sparkline().svg([]))
    }

    func testHTMLReportHasEverySection() {
        var report = HTMLReport(log: ExplainFixtures.simple(), name: "fixture <1>", slaSeconds: 4 * 3600,
                                processMapSVG: "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>MAP</text></svg>")
        XCTAssertEqual(report.narratives.map(\.role), NarrativeRole.allCases)
        report.narratives[0].fallbackReason = "rejected <number>"
        let html = report.html()
        for heading in ["Key figures", "Process map", "Variants", "Bottlenecks", "Drivers of case duration", "Narratives"] {
            XCTAssertTrue(html.contains("<h2>\(heading)</h2>"), heading)
        }
        XCTAssertTrue(html.contains("fixture &lt;1&gt;"))
        XCTAssertTrue(html.contains("<text>MAP</text>"))
        XCTAssertTrue(html.contains("rejected &lt;number&gt;"))
        XCTAssertTrue(html.contains("register → check → decide → check → close"))
        XCTAssertFalse(html.contains("<script"))
    }

    /// Any ``Narrator`` can rewrite the report's narratives; the echo model hands the template's drafts back,
    /// so the rewritten narratives say what the templates said, now attributed to the model.
    func testHTMLReportNarratesWithAnyNarrator() async throws {
        let log = ExplainFixtures.simple()
        var report = HTMLReport(log: log, name: "fixture", slaSeconds: 4 * 3600)
        let templates = report.narratives
        try await report.narrate(with: LLMNarrator(model: EchoLanguageModel(), vocabulary: Set(log.activityNames)))
        XCTAssertEqual(report.narratives.map(\.role), NarrativeRole.allCases)
        XCTAssertEqual(report.narratives.map(\.source), Array(repeating: "tracewise-echo", count: templates.count))
        XCTAssertEqual(report.narratives.map(\.text), templates.map(\.text))
    }
}
