/// The KPIs a scenario is judged by.
public struct ScenarioKPIs: Hashable, Sendable, Codable {
    public var cases: Int
    public var events: Int
    public var meanCycleSeconds: Double
    public var medianCycleSeconds: Double
    public var p90CycleSeconds: Double
    public var totalWaitingSeconds: Double
    public var totalServiceSeconds: Double
    /// Cases over the scenario's SLA (0...1), when it has one.
    public var slaBreachRate: Double?

    /// The KPIs of an analysed log.
    public init(_ analysis: PerformanceAnalysis, slaSeconds: Double?) {
        let timed = analysis.cycleSeconds.indices.filter { analysis.caseStart[$0] != Int64.min }
        let cycle = DurationStatistics(timed.map { analysis.cycleSeconds[$0] })
        cases = analysis.instances.caseCount
        events = analysis.eventCount
        meanCycleSeconds = cycle.meanSeconds
        medianCycleSeconds = cycle.medianSeconds
        p90CycleSeconds = cycle.p90Seconds
        totalWaitingSeconds = analysis.waitingSeconds.reduce(0, +)
        totalServiceSeconds = analysis.serviceSeconds.reduce(0, +)
        slaBreachRate = slaSeconds.map { sla in
            timed.isEmpty ? 0 : Double(timed.filter { analysis.cycleSeconds[$0] > sla }.count) / Double(timed.count)
        }
    }
}

/// A scenario's effect: KPIs before and after re-timing.
public struct ScenarioResult: Hashable, Sendable, Codable {
    public var scenario: String
    public var before: ScenarioKPIs
    public var after: ScenarioKPIs
    /// Instances whose timing or resource the scenario changed, and instances it removed.
    public var changedInstances: Int
    public var removedInstances: Int

    /// `after.meanCycleSeconds - before.meanCycleSeconds` (negative is faster).
    public var meanCycleChangeSeconds: Double { after.meanCycleSeconds - before.meanCycleSeconds }
}
