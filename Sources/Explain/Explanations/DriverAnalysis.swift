import EventLog

/// The drivers of a process KPI: case features, a gradient-boosted model of the target, and its exact
/// TreeSHAP values, from which global and local explanations are read.
///
/// ```swift
/// let drivers = try DriverAnalysis(log: log, target: .duration)
/// print(drivers.global.drivers.prefix(3).map(\.feature))
/// let slowest = drivers.local(row: drivers.slowestRows(1)[0])
/// print(slowest.up.first?.feature ?? "-")
/// ```
public struct DriverAnalysis: Sendable {
    public let target: PredictionTarget
    public let extractor: FeatureExtractor
    public let dataset: CaseDataset
    public let model: TreeEnsemble
    public let shap: ShapValues
    /// The unit of predictions and SHAP values: `hours`, or `log-odds` for SLA breach.
    public let unit: String

    /// The parameters used when the caller gives none: shallow trees with shrinkage, which rank
    /// drivers stably on logs of a few hundred cases and more.
    public static func defaultParameters(for target: PredictionTarget) -> GradientBoostingParameters {
        GradientBoostingParameters(objective: target.isBinary ? .logistic : .squaredError, treeCount: 100,
                                   learningRate: 0.1, maxDepth: 4, minChildWeight: 1, lambda: 1, seed: 42)
    }

    /// Extracts features (up to the target's leak-free prediction point), trains a model and explains it.
    ///
    /// `progress` receives the trees trained (phase `train`), then the rows explained (phase `explain`); the
    /// analysis stops with `CancellationError` soon after its task is cancelled.
    /// - Throws: ``ExplainError`` `.unknownActivity` when a waiting target names no activity of the log,
    ///   `.noTarget` when no case has a target, and the trainer's errors; `CancellationError`.
    public init(log: EventLog, target: PredictionTarget, analysis: PerformanceAnalysis? = nil,
                options: FeatureOptions = FeatureOptions(), parameters: GradientBoostingParameters? = nil,
                deviations: CaseDeviations? = nil, progress: ProgressHandler? = nil) throws {
        if case .waitingBefore(let activity) = target, !log.activityNames.contains(activity) {
            throw ExplainError(.unknownActivity, "the log has no activity '\(activity)'", location: .init(field: "target"))
        }
        self.target = target
        extractor = FeatureExtractor(fitting: log, options: options, point: target.defaultPredictionPoint,
                                     deviations: deviations)
        try Task.checkCancellation()
        dataset = extractor.dataset(log, target: target, analysis: analysis, deviations: deviations)
        guard dataset.features.rowCount > 0 else {
            throw ExplainError(.noTarget, "no case has a value for \(target.name)", location: .init(field: "target"))
        }
        try Task.checkCancellation()
        model = try GradientBoostingTrainer(parameters ?? Self.defaultParameters(for: target), progress: progress)
            .fit(dataset.features, targets: dataset.target)
        var explainer = TreeSHAP(model)
        explainer.progress = progress
        shap = try explainer.explain(dataset.features)
        unit = target.isBinary ? "log-odds" : "hours"
    }

    /// Features ranked by mean |SHAP|, with dependence data.
    public var global: GlobalExplanation {
        GlobalExplanation(shap: shap, features: dataset.features, unit: unit)
    }

    /// The explanation of dataset row `row`.
    public func local(row: Int, top: Int = 5) -> LocalExplanation {
        LocalExplanation(row: row, shap: shap, features: dataset.features, top: top)
    }

    /// The row of a case identifier, when the case has a target.
    public func row(ofCase caseID: String) -> Int? { dataset.features.caseIDs.firstIndex(of: caseID) }

    /// The rows with the largest target values (the slowest cases), largest first.
    public func slowestRows(_ count: Int) -> [Int] {
        Array(dataset.target.indices.sorted { (dataset.target[$0], $1) > (dataset.target[$1], $0) }.prefix(count))
    }

    /// The strongest drivers as narrative facts.
    public func driverFacts(_ count: Int = 5) -> [Facts.DriverFact] {
        global.drivers.prefix(count).map {
            Facts.DriverFact(feature: $0.feature, meanAbsoluteImpact: $0.meanAbsoluteSHAP, unit: unit,
                             raisesTargetWhenHigh: $0.raisesTargetWhenHigh)
        }
    }
}
