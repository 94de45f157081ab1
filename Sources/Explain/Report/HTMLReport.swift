import EventLog

/// One self-contained HTML page about a log: KPIs with sparklines, the process map, variants,
/// bottlenecks, drivers (SHAP bar chart and waterfalls of the slowest cases) and the four role
/// narratives. No scripts, fonts or images are fetched: charts are inline SVG.
///
/// ```swift
/// let report = HTMLReport(log: log, name: "bpic2012", processMapSVG: mapSVG)
/// try report.html().write(toFile: "report.html", atomically: true, encoding: .utf8)
/// ```
public struct HTMLReport: Sendable {
    public var name: String
    public var facts: Facts
    public var performance: PerformanceReport
    public var bottlenecks: BottleneckRanking
    public var variants: [Variant]
    /// The drivers of case duration, when a model could be trained.
    public var explanation: ProcessExplanation?
    /// The narratives shown, in order (template narratives by default; replace with ``LLMNarrator`` output).
    public var narratives: [Narrative]
    /// An SVG process map (from Discovery's renderer), embedded as is.
    public var processMapSVG: String?
    /// Why there is no ``explanation``, when there is none.
    public var explanationError: String?

    /// Analyses `log` and explains its case durations.
    ///
    /// A model that cannot be trained leaves ``explanation`` nil and says why in ``explanationError`` — also
    /// when the task is cancelled while training; use ``init(log:name:options:slaSeconds:costModel:processMapSVG:durationDrivers:progress:)``
    /// to stop instead.
    /// - Parameters:
    ///   - log: the log to report on.
    ///   - name: the report's title (usually the file name).
    ///   - options: feature and timing options for the analysis and the duration model.
    ///   - slaSeconds: a cycle-time threshold for SLA figures.
    ///   - costModel: enables the CFO narrative's amounts.
    ///   - processMapSVG: an SVG process map to embed, or nil for none.
    ///   - durationDrivers: a ``DriverAnalysis`` of `.duration` already trained on `log` with `options` (a host that
    ///     also needs the model itself, e.g. for counterfactuals, passes it to avoid training twice); nil trains one.
    public init(log: EventLog, name: String, options: FeatureOptions = FeatureOptions(), slaSeconds: Double? = nil,
                costModel: CostModel? = nil, processMapSVG: String? = nil, durationDrivers: DriverAnalysis? = nil) {
        let analysis = PerformanceAnalysis(log, options: options.timing)
        let drivers = Self.durationDrivers(durationDrivers, log: log, analysis: analysis, options: options, progress: nil)
        self.init(log: log, name: name, analysis: analysis, drivers: drivers, slaSeconds: slaSeconds, costModel: costModel,
                  processMapSVG: processMapSVG)
    }

    /// Analyses `log` and explains its case durations as the initializer without `progress` does, reporting the
    /// duration model's training and explanation to `progress` (phases `train`, `explain`) and stopping with
    /// `CancellationError` soon after the task is cancelled.
    ///
    /// ```swift
    /// let report = try HTMLReport(log: log, name: "orders", progress: { print($0.phase, $0.completed) })
    /// ```
    /// - Throws: `CancellationError`; any other failure to train leaves ``explanation`` nil as above.
    public init(log: EventLog, name: String, options: FeatureOptions = FeatureOptions(), slaSeconds: Double? = nil,
                costModel: CostModel? = nil, processMapSVG: String? = nil, durationDrivers: DriverAnalysis? = nil,
                progress: ProgressHandler?) throws {
        try Task.checkCancellation()
        let analysis = PerformanceAnalysis(log, options: options.timing)
        let drivers = Self.durationDrivers(durationDrivers, log: log, analysis: analysis, options: options, progress: progress)
        if case .failure(let error) = drivers, error is CancellationError { throw error }
        try Task.checkCancellation()
        self.init(log: log, name: name, analysis: analysis, drivers: drivers, slaSeconds: slaSeconds, costModel: costModel,
                  processMapSVG: processMapSVG)
    }

    /// The given analysis of case duration, or a new one trained on `log`.
    private static func durationDrivers(_ given: DriverAnalysis?, log: EventLog, analysis: PerformanceAnalysis,
                                        options: FeatureOptions, progress: ProgressHandler?) -> Result<DriverAnalysis, any Error> {
        if let given, given.target == .duration { return .success(given) }
        return Result { try DriverAnalysis(log: log, target: .duration, analysis: analysis, options: options, progress: progress) }
    }

    private init(log: EventLog, name: String, analysis: PerformanceAnalysis, drivers result: Result<DriverAnalysis, any Error>,
                 slaSeconds: Double?, costModel: CostModel?, processMapSVG: String?) {
        let ranking = BottleneckRanking(analysis)
        let drivers = try? result.get()
        if case .failure(let error) = result {
            explanationError = "No model of case duration could be trained: \(error)"
        }
        self.name = name
        performance = analysis.report(period: .week)
        bottlenecks = ranking
        variants = Array(LogStatistics(log).variants.prefix(10))
        explanation = drivers.map { ProcessExplanation(name: name, drivers: $0, bottlenecks: ranking, topCases: 2) }
        let facts = Facts(logName: name, analysis: analysis, bottlenecks: ranking, drivers: drivers?.driverFacts() ?? [],
                          slaSeconds: slaSeconds, costModel: costModel)
        self.facts = facts
        let narrator = TemplateNarrator()
        narratives = NarrativeRole.allCases.map { narrator.narrative(for: $0, facts: facts) }
        self.processMapSVG = processMapSVG
    }

    /// Rewrites the narratives with `narrator`, one per role in ``NarrativeRole`` order: an `LLMNarrator`
    /// (which falls back to the template for any reply that fails its fact check), or a host's own ``Narrator``.
    /// The report is built with ``TemplateNarrator``'s narratives; this is how a language model gets a say.
    ///
    /// ```swift
    /// var report = HTMLReport(log: log, name: "orders")
    /// try await report.narrate(with: LLMNarrator(model: model, vocabulary: Set(log.activityNames)))
    /// ```
    public mutating func narrate(with narrator: some Narrator) async throws {
        var rewritten: [Narrative] = []
        for role in NarrativeRole.allCases { rewritten.append(try await narrator.narrate(facts, for: role)) }
        narratives = rewritten
    }

    /// The page.
    public func html() -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Tracewise report: \(SVGText.escape(name))</title>
            <style>\(Self.css)</style></head><body>
            <h1>Process report: \(SVGText.escape(name))</h1>
            <p class="sub">\(facts.caseCount) cases, \(facts.eventCount) events\(period()). Generated by Tracewise.</p>

            """
        page += kpiSection()
        page += section("Process map", processMapSVG.map { "<div class=\"map\">\($0)</div>" }
            ?? "<p class=\"note\">No process map renderer was available for this report.</p>")
        page += section("Variants", variantTable())
        page += section("Bottlenecks", bottleneckTables())
        page += section("Drivers of case duration", driverSection())
        page += section("Narratives", narratives.map(narrativeHTML).joined())
        return page + "</body></html>\n"
    }

    private func period() -> String {
        guard let first = facts.firstDay, let last = facts.lastDay else { return "" }
        return " from \(first) to \(last)"
    }

    private func section(_ title: String, _ body: String) -> String {
        "<section><h2>\(SVGText.escape(title))</h2>\n\(body)\n</section>\n"
    }

    private func kpiSection() -> String {
        let weekly = performance.throughput.map { Double($0.casesCompleted) }
        let started = performance.throughput.map { Double($0.casesStarted) }
        var tiles = [
            tile("Median cycle time", FactFormat.duration(seconds: facts.cycleTime.medianSeconds), nil),
            tile("90th percentile cycle time", FactFormat.duration(seconds: facts.cycleTime.p90Seconds), nil),
            tile("Cases completed per week", FactFormat.number(facts.casesPerWeek, decimals: 1), Sparkline().svg(weekly)),
            tile("Weeks observed (cases started)", String(performance.throughput.count), Sparkline(color: "#0f9d58").svg(started)),
            tile("Cases with rework", FactFormat.percent(facts.rework.caseShare), nil),
            tile("Total waiting", FactFormat.duration(seconds: facts.totalWaitingSeconds), nil),
        ]
        if let sla = facts.sla {
            tiles.append(tile("Over SLA (\(FactFormat.duration(seconds: sla.thresholdSeconds)))", FactFormat.percent(sla.breachRate), nil))
        }
        return section("Key figures", "<div class=\"tiles\">" + tiles.joined() + "</div>")
    }

    private func tile(_ label: String, _ value: String, _ sparkline: String?) -> String {
        "<div class=\"tile\"><div class=\"label\">\(SVGText.escape(label))</div><div class=\"value\">\(SVGText.escape(value))</div>"
            + (sparkline ?? "") + "</div>"
    }

    private func variantTable() -> String {
        let total = max(1, facts.caseCount)
        var rows = "<table><tr><th>#</th><th>cases</th><th>share</th><th>events</th><th>activities</th></tr>\n"
        for (i, v) in variants.enumerated() {
            let path = v.activities.count > 12
                ? (v.activities.prefix(6) + ["…"] + v.activities.suffix(5)).joined(separator: " → ")
                : v.activities.joined(separator: " → ")
            rows += "<tr><td>\(i + 1)</td><td>\(v.count)</td><td>\(FactFormat.percent(Double(v.count) / Double(total)))</td>"
                + "<td>\(v.activities.count)</td><td class=\"path\">\(SVGText.escape(path))</td></tr>\n"
        }
        return rows + "</table>"
    }

    private func bottleneckTables() -> String {
        func table(_ title: String, _ items: [Bottleneck]) -> String {
            var rows = "<h3>\(title)</h3><table><tr><th>where</th><th>total waiting</th><th>share</th><th>times</th>"
                + "<th>mean</th><th>median</th><th>p90</th><th>p95</th></tr>\n"
            for b in items.prefix(10) {
                rows += "<tr><td>\(SVGText.escape(b.label))</td><td>\(FactFormat.duration(seconds: b.totalWaitingSeconds))</td>"
                    + "<td>\(FactFormat.percent(b.shareOfWaiting))</td><td>\(b.frequency)</td>"
                    + "<td>\(FactFormat.duration(seconds: b.waiting.meanSeconds))</td><td>\(FactFormat.duration(seconds: b.waiting.medianSeconds))</td>"
                    + "<td>\(FactFormat.duration(seconds: b.waiting.p90Seconds))</td><td>\(FactFormat.duration(seconds: b.waiting.p95Seconds))</td></tr>\n"
            }
            return rows + "</table>"
        }
        return table("Waiting before activities", bottlenecks.activities) + table("Waiting between activities", bottlenecks.edges)
    }

    private func driverSection() -> String {
        guard let explanation else {
            return "<p class=\"note\">\(SVGText.escape(explanationError ?? "No model of case duration."))</p>"
        }
        var body = "<p>Gradient-boosted trees (\(explanation.model.trees) trees, training R² "
            + "\(FactFormat.number(explanation.model.trainingFit, decimals: 3))) on \(explanation.model.rows) cases and "
            + "\(explanation.model.features) features, explained with exact TreeSHAP.</p>\n"
        body += "<div class=\"chart\">" + ShapBarChart().svg(drivers: explanation.globalDrivers, unit: explanation.unit) + "</div>\n"
        for local in explanation.topCases {
            body += "<div class=\"chart\">" + WaterfallChart().svg(local, unit: explanation.unit) + "</div>\n"
        }
        return body
    }

    private func narrativeHTML(_ n: Narrative) -> String {
        var html = "<div class=\"narrative\"><h3>\(SVGText.escape(n.role.title))</h3>"
        html += n.paragraphs.map { "<p>\(SVGText.escape($0))</p>" }.joined()
        if !n.actions.isEmpty { html += "<ol>" + n.actions.map { "<li>\(SVGText.escape($0))</li>" }.joined() + "</ol>" }
        if let reason = n.fallbackReason { html += "<p class=\"note\">\(SVGText.escape(reason))</p>" }
        return html + "<p class=\"source\">source: \(SVGText.escape(n.source))</p></div>\n"
    }

    private static let css = """
        body{font-family:Helvetica,Arial,sans-serif;margin:24px 40px;color:#222;max-width:1300px}
        h1{margin-bottom:4px}h2{border-bottom:2px solid #3367d6;padding-bottom:4px;margin-top:36px}
        .sub,.note,.source{color:#666}.source{font-size:11px}
        .tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:180px}
        .label{font-size:12px;color:#555}.value{font-size:22px;font-weight:bold;margin:4px 0}
        table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 10px;text-align:left}
        th{background:#f4f6fb}td.path{font-size:12px;color:#444}
        .map{overflow:auto;border:1px solid #eee;max-height:900px}.map svg{max-width:100%;height:auto}
        .chart{margin:12px 0}.narrative{border-left:4px solid #3367d6;padding:2px 16px;margin:12px 0;background:#fafbff}
        """
}
