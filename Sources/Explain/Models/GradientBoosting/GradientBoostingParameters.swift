/// Hyperparameters of ``GradientBoostingTrainer``, named and defaulted as XGBoost's (`eta`, `max_depth`,
/// `min_child_weight`, `lambda`, `gamma`, `subsample`) so settings carry over from Python.
public struct GradientBoostingParameters: Sendable, Codable, Hashable {
    /// The loss the trees minimise.
    public enum Objective: String, Sendable, Codable, Hashable, CaseIterable {
        /// Squared error: regression on the raw target (XGBoost `reg:squarederror`).
        case squaredError
        /// Logistic loss on 0/1 targets; the model predicts log-odds (XGBoost `binary:logistic`).
        case logistic
    }

    public var objective: Objective
    /// The number of boosting rounds (trees).
    public var treeCount: Int
    /// The shrinkage applied to every leaf (`eta`).
    public var learningRate: Double
    /// The maximum depth of each tree (edges from root to leaf).
    public var maxDepth: Int
    /// The minimum hessian sum each child of a split must keep.
    public var minChildWeight: Double
    /// L2 regularisation of leaf weights (`lambda`).
    public var lambda: Double
    /// The minimum loss reduction a split must achieve to survive pruning (`gamma`, `min_split_loss`).
    public var gamma: Double
    /// The fraction of rows each tree samples, in (0, 1].
    public var subsample: Double
    /// The seed of the row-sampling generator: equal seeds give identical models.
    public var seed: UInt64
    /// The initial prediction on the output scale (mean target or positive rate when nil).
    public var baseScore: Double?

    public init(objective: Objective = .squaredError, treeCount: Int = 100, learningRate: Double = 0.3,
                maxDepth: Int = 6, minChildWeight: Double = 1, lambda: Double = 1, gamma: Double = 0,
                subsample: Double = 1, seed: UInt64 = 0, baseScore: Double? = nil) {
        self.objective = objective
        self.treeCount = treeCount
        self.learningRate = learningRate
        self.maxDepth = maxDepth
        self.minChildWeight = minChildWeight
        self.lambda = lambda
        self.gamma = gamma
        self.subsample = subsample
        self.seed = seed
        self.baseScore = baseScore
    }

    /// Checks every parameter's range.
    /// - Throws: ``ExplainError`` `invalidParameter` naming the first bad parameter.
    public func validate() throws {
        func require(_ condition: Bool, _ name: String, _ rule: String) throws {
            if !condition { throw ExplainError(.invalidParameter, "\(name) must be \(rule)", location: .init(field: name)) }
        }
        try require(treeCount >= 0, "treeCount", "at least 0")
        try require(learningRate > 0 && learningRate.isFinite, "learningRate", "positive")
        try require(maxDepth >= 0 && maxDepth <= 30, "maxDepth", "between 0 and 30")
        try require(minChildWeight >= 0 && minChildWeight.isFinite, "minChildWeight", "at least 0")
        try require(lambda >= 0 && lambda.isFinite, "lambda", "at least 0")
        try require(gamma >= 0 && gamma.isFinite, "gamma", "at least 0")
        try require(subsample > 0 && subsample <= 1, "subsample", "in (0, 1]")
        if let baseScore {
            switch objective {
            case .squaredError: try require(baseScore.isFinite, "baseScore", "finite")
            case .logistic: try require(baseScore > 0 && baseScore < 1, "baseScore", "in (0, 1) for logistic loss")
            }
        }
    }
}
