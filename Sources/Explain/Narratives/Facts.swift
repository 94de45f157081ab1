/// The numbers a narrative may use, computed from a log: KPIs, bottlenecks, drivers, deviations and
/// costs. Narrators only ever render values held here, and ``FactChecker`` verifies that text does.
///
/// ```swift
/// let analysis = PerformanceAnalysis(log)
/// let facts = Facts(logName: "orders", analysis: analysis, bottlenecks: BottleneckRanking(analysis),
///                   slaSeconds: 5 * 86_400)
/// print(TemplateNarrator().narrative(for: .coo, facts: facts).text)
/// ```
public struct Facts: Hashable, Sendable, Codable {
    public var logName: String
    public var caseCount: Int
    public var eventCount: Int
    /// First and last day with an event, `yyyy-MM-dd`.
    public var firstDay: String?
    public var lastDay: String?
    public var cycleTime: DurationStatistics
    /// Mean cases completed per week over the observed weeks.
    public var casesPerWeek: Double
    public var sla: SLAFacts?
    public var rework: PerformanceReport.ReworkSummary
    /// Activities with the most total waiting, worst first (at most five).
    public var bottlenecks: [Bottleneck]
    /// Directly-follows edges with the most total waiting, worst first (at most three).
    public var edgeBottlenecks: [Bottleneck]
    /// All waiting in the log, in seconds.
    public var totalWaitingSeconds: Double
    /// The busiest resources (at most three).
    public var busiestResources: [PerformanceReport.ResourceWorkload]
    /// What drives the explained target, strongest first (at most five).
    public var drivers: [DriverFact]
    /// The most frequent conformance deviations (at most five).
    public var deviations: [DeviationFact]
    public var cost: CostFacts?

    /// Cases over a service-level threshold.
    public struct SLAFacts: Hashable, Sendable, Codable {
        public var thresholdSeconds: Double
        public var breaches: Int
        /// breaches / cases (0...1).
        public var breachRate: Double
    }

    /// One feature's global influence on the explained target.
    public struct DriverFact: Hashable, Sendable, Codable {
        /// The feature name (see docs/explain.md for the naming scheme).
        public var feature: String
        /// Mean |SHAP| in the target's unit.
        public var meanAbsoluteImpact: Double
        /// The target's unit, e.g. `hours`.
        public var unit: String
        /// Whether higher feature values tend to raise the target.
        public var raisesTargetWhenHigh: Bool?

        public init(feature: String, meanAbsoluteImpact: Double, unit: String, raisesTargetWhenHigh: Bool? = nil) {
            self.feature = feature
            self.meanAbsoluteImpact = meanAbsoluteImpact
            self.unit = unit
            self.raisesTargetWhenHigh = raisesTargetWhenHigh
        }
    }

    /// A deviation kind and how many cases show it.
    public struct DeviationFact: Hashable, Sendable, Codable {
        public var label: String
        public var cases: Int

        public init(label: String, cases: Int) {
            self.label = label
            self.cases = cases
        }
    }

    /// Money figures under a caller's ``CostModel``.
    public struct CostFacts: Hashable, Sendable, Codable {
        public var currency: String
        /// Waiting hours × cost per waiting hour.
        public var totalDelayCost: Double
        public var delayCostPerCase: Double
        /// Delay cost of the worst bottleneck activities (same order as ``Facts/bottlenecks``).
        public var delayCostByActivity: [NamedAmount]
        /// Service hours × resource rates.
        public var totalWorkCost: Double
        /// Work cost of the most expensive resources (at most three).
        public var workCostByResource: [NamedAmount]
    }

    /// An amount attributed to a named activity or resource.
    public struct NamedAmount: Hashable, Sendable, Codable {
        public var name: String
        public var amount: Double
    }

    /// Collects the facts of an analysed log.
    /// - Parameters:
    ///   - logName: how narratives name the log.
    ///   - analysis: the log's performance analysis.
    ///   - bottlenecks: the ranking of `analysis`.
    ///   - drivers: global drivers of a model of the log (see ``GlobalExplanation``), strongest first.
    ///   - deviations: the most frequent conformance deviations, when the log was aligned to a model.
    ///   - slaSeconds: a cycle-time threshold; adds SLA breach figures.
    ///   - costModel: adds delay and work costs.
    public init(logName: String, analysis: PerformanceAnalysis, bottlenecks: BottleneckRanking,
                drivers: [DriverFact] = [], deviations: [DeviationFact] = [], slaSeconds: Double? = nil,
                costModel: CostModel? = nil) {
        let report = analysis.report(period: .week)
        self.logName = logName
        caseCount = report.caseCount
        eventCount = report.eventCount
        firstDay = analysis.caseStart.filter { $0 != Int64.min }.min().map(Self.day)
        lastDay = analysis.caseEnd.filter { $0 != Int64.min }.max().map(Self.day)
        cycleTime = report.cycleTime
        let completed = report.throughput.reduce(0) { $0 + $1.casesCompleted }
        let first = analysis.caseStart.filter { $0 != Int64.min }.min() ?? 0
        let last = analysis.caseEnd.filter { $0 != Int64.min }.max() ?? 0
        let weeks = max(1, Double(last - first) / 604_800_000_000)
        casesPerWeek = Double(completed) / weeks
        if let slaSeconds {
            let breaches = analysis.cycleSeconds.indices.filter {
                analysis.caseStart[$0] != Int64.min && analysis.cycleSeconds[$0] > slaSeconds
            }.count
            sla = SLAFacts(thresholdSeconds: slaSeconds, breaches: breaches,
                           breachRate: caseCount == 0 ? 0 : Double(breaches) / Double(caseCount))
        }
        rework = report.rework
        self.bottlenecks = Array(bottlenecks.activities.prefix(5))
        edgeBottlenecks = Array(bottlenecks.edges.prefix(3))
        totalWaitingSeconds = bottlenecks.totalWaitingSeconds
        busiestResources = Array(report.resources.prefix(3))
        self.drivers = Array(drivers.prefix(5))
        self.deviations = Array(deviations.sorted { ($0.cases, $1.label) > ($1.cases, $0.label) }.prefix(5))
        if let costModel {
            cost = Self.costs(costModel, analysis: analysis, bottlenecks: self.bottlenecks, caseCount: caseCount)
        }
    }

    private static func day(_ micros: Int64) -> String {
        CalendarPeriod.day.label(ofStart: CalendarPeriod.localDay(of: micros, utcOffsetMinutes: 0))
    }

    private static func costs(_ model: CostModel, analysis: PerformanceAnalysis, bottlenecks: [Bottleneck],
                              caseCount: Int) -> CostFacts {
        let waitingHours = analysis.waitingSeconds.reduce(0, +) / 3600
        let delay = waitingHours * model.costPerWaitingHour
        let instances = analysis.instances
        var work: [String: Double] = [:]
        var totalWork = 0.0
        for i in 0..<instances.count {
            let r = instances.resource[i]
            let name = r >= 0 ? instances.resourceNames[Int(r)] : nil
            let rate = name.flatMap { model.costPerResourceHour[$0] } ?? model.defaultCostPerResourceHour
            let amount = analysis.serviceSeconds[i] / 3600 * rate
            totalWork += amount
            if let name, amount > 0 { work[name, default: 0] += amount }
        }
        return CostFacts(
            currency: model.currency, totalDelayCost: delay,
            delayCostPerCase: caseCount == 0 ? 0 : delay / Double(caseCount),
            delayCostByActivity: bottlenecks.map {
                NamedAmount(name: $0.activity, amount: $0.totalWaitingSeconds / 3600 * model.costPerWaitingHour)
            },
            totalWorkCost: totalWork,
            workCostByResource: work.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
                .map { NamedAmount(name: $0.key, amount: $0.value) })
    }
}
