import EventLog

/// The answer to "why is activity X slow?": how long cases wait before X, and what drives that wait,
/// from a model of waiting-before-X trained on features of the events before X only.
///
/// ```swift
/// let why = try ActivityDelayExplanation(activity: "Ship Goods", log: log)
/// print(why.waiting.meanSeconds, why.drivers.first?.feature ?? "-")
/// ```
public struct ActivityDelayExplanation: Hashable, Sendable, Codable {
    public var activity: String
    /// Waiting before the activity's first instance per case, in seconds.
    public var waiting: DurationStatistics
    /// Drivers of that wait (SHAP in hours), strongest first.
    public var drivers: [GlobalExplanation.Driver]
    /// The cases that waited longest, with their local drivers.
    public var slowestCases: [LocalExplanation]

    /// Models the wait before `activity` in `log` and explains it.
    /// - Throws: ``ExplainError`` `.unknownActivity` when the log has no such activity.
    public init(activity: String, log: EventLog, analysis: PerformanceAnalysis? = nil,
                options: FeatureOptions = FeatureOptions(), parameters: GradientBoostingParameters? = nil,
                topDrivers: Int = 5, slowestCases: Int = 3) throws {
        let analysis = analysis ?? PerformanceAnalysis(log, options: options.timing)
        let drivers = try DriverAnalysis(log: log, target: .waitingBefore(activity: activity), analysis: analysis,
                                         options: options, parameters: parameters)
        self.activity = activity
        waiting = DurationStatistics(drivers.dataset.target.map { $0 * 3600 })
        self.drivers = Array(drivers.global.drivers.prefix(topDrivers))
        self.slowestCases = drivers.slowestRows(slowestCases).map { drivers.local(row: $0) }
    }
}
