import EventLog

/// Everything `tracewise explain` prints: the target's global drivers, the slowest cases with their
/// local drivers, and the bottleneck ranking. Codable for UIs and the Agents layer.
///
/// ```swift
/// let explanation = try ProcessExplanation(log: log, name: "orders", target: .duration)
/// print(explanation.globalDrivers.first?.feature ?? "-")
/// ```
public struct ProcessExplanation: Sendable, Codable {
    /// How well the model fits the data it explains.
    public struct ModelSummary: Hashable, Sendable, Codable {
        public var trees: Int
        public var objective: GradientBoostingParameters.Objective
        /// Training R² for regression targets; training accuracy for binary targets.
        public var trainingFit: Double
        public var rows: Int
        public var features: Int
    }

    public var log: String
    public var target: String
    public var unit: String
    public var expectedValue: Double
    public var model: ModelSummary
    public var globalDrivers: [GlobalExplanation.Driver]
    public var topCases: [LocalExplanation]
    public var bottlenecks: BottleneckRanking

    /// Explains `target` over `log`.
    /// - Parameters:
    ///   - log: the log to explain.
    ///   - name: the log's name in the result.
    ///   - target: what to explain for each case.
    ///   - options: feature and timing options.
    ///   - parameters: gradient-boosting parameters; nil uses ``DriverAnalysis/defaultParameters(for:)``.
    ///   - topCases: how many of the cases with the largest target get a local explanation.
    ///   - topDrivers: how many global drivers and bottlenecks to keep.
    ///   - progress: receives the trees trained, then the rows explained (see ``DriverAnalysis``).
    /// - Throws: ``DriverAnalysis``'s errors; `CancellationError` soon after the task is cancelled.
    public init(log: EventLog, name: String, target: PredictionTarget, options: FeatureOptions = FeatureOptions(),
                parameters: GradientBoostingParameters? = nil, topCases: Int = 5, topDrivers: Int = 15,
                progress: ProgressHandler? = nil) throws {
        let analysis = PerformanceAnalysis(log, options: options.timing)
        try Task.checkCancellation()
        let drivers = try DriverAnalysis(log: log, target: target, analysis: analysis, options: options, parameters: parameters,
                                         progress: progress)
        self.init(name: name, drivers: drivers, bottlenecks: BottleneckRanking(analysis), topCases: topCases, topDrivers: topDrivers)
    }

    /// Summarises an existing driver analysis.
    public init(name: String, drivers: DriverAnalysis, bottlenecks: BottleneckRanking, topCases: Int = 5, topDrivers: Int = 15) {
        log = name
        target = drivers.dataset.targetName
        unit = drivers.unit
        expectedValue = drivers.shap.expectedValue
        let predictions = drivers.model.predict(drivers.dataset.features)
        model = ModelSummary(trees: drivers.model.treeCount, objective: drivers.target.isBinary ? .logistic : .squaredError,
                             trainingFit: Self.fit(predictions, drivers.dataset.target, binary: drivers.target.isBinary),
                             rows: drivers.dataset.features.rowCount, features: drivers.dataset.features.columnCount)
        globalDrivers = Array(drivers.global.drivers.prefix(topDrivers))
        self.topCases = drivers.slowestRows(topCases).map { drivers.local(row: $0) }
        var ranking = bottlenecks
        ranking.activities = Array(ranking.activities.prefix(topDrivers))
        ranking.edges = Array(ranking.edges.prefix(topDrivers))
        self.bottlenecks = ranking
    }

    private static func fit(_ predictions: [Double], _ targets: [Double], binary: Bool) -> Double {
        guard !targets.isEmpty else { return 0 }
        if binary {
            let correct = zip(predictions, targets).filter { ($0 > 0 ? 1.0 : 0.0) == $1 }.count
            return Double(correct) / Double(targets.count)
        }
        let mean = targets.reduce(0, +) / Double(targets.count)
        let total = targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let residual = zip(predictions, targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return total > 0 ? 1 - residual / total : 1
    }
}
