import EventLog

/// Trains gradient-boosted regression trees in pure Swift, the way XGBoost's exact method does
/// (second-order boosting, exact greedy splits on presorted columns, learnt missing-value directions,
/// L2-regularised leaves, `gamma` pruning, row subsampling). Training is deterministic for a given seed.
///
/// ```swift
/// let trainer = GradientBoostingTrainer(GradientBoostingParameters(treeCount: 200, maxDepth: 4, seed: 7))
/// let model = try trainer.fit(features, targets: durations)
/// let shap = try TreeSHAP(model).explain(features)
/// ```
public struct GradientBoostingTrainer: Sendable {
    public var parameters: GradientBoostingParameters
    /// Receives the trees grown so far out of ``GradientBoostingParameters/treeCount`` (nil by default).
    public var progress: ProgressHandler?

    public init(_ parameters: GradientBoostingParameters = GradientBoostingParameters(), progress: ProgressHandler? = nil) {
        self.parameters = parameters
        self.progress = progress
    }

    /// Fits a model to `targets` (0/1 for logistic loss), optionally weighting rows. Training stops with
    /// `CancellationError` before the next tree once its task is cancelled.
    /// - Throws: ``ExplainError`` `.invalidParameter` for bad parameters, targets or weights,
    ///   `.emptyData` when there are no rows; `CancellationError`.
    /// - Complexity: O(trees × depth × rows × features) after an O(features × rows log rows) presort.
    public func fit(_ features: FeatureMatrix, targets: [Double], weights: [Double]? = nil) throws -> TreeEnsemble {
        try parameters.validate()
        try validate(features, targets: targets, weights: weights)
        let loss = BoostingLoss(objective: parameters.objective)
        let baseMargin = loss.baseMargin(targets: targets, weights: weights, baseScore: parameters.baseScore)
        let grower = ExactTreeGrower(parameters: parameters, columns: PresortedColumns(features), matrix: features)
        let rowCount = features.rowCount
        var margins = [Double](repeating: baseMargin, count: rowCount)
        var gradients = [GradientPair](repeating: .zero, count: rowCount)
        var generator = SplitMix64(seed: parameters.seed)
        var trees: [TreeEnsemble.Tree] = []
        let meter = ProgressMeter(progress, phase: "train", total: parameters.treeCount, unit: "trees")
        for _ in 0..<parameters.treeCount {
            try Task.checkCancellation()
            loss.gradients(targets: targets, weights: weights, margins: margins, into: &gradients)
            let positions = samplePositions(rowCount: rowCount, generator: &generator)
            let nodes = grower.grow(gradients: gradients, positions: positions)
            let tree = makeTree(nodes)
            trees.append(tree)
            addPredictions(of: tree, features: features, to: &margins)
            meter?.advance()
        }
        meter?.finish()
        return try TreeEnsemble(featureNames: features.names, baseMargin: baseMargin,
                                outputTransform: parameters.objective == .logistic ? .sigmoid : .identity,
                                trees: trees)
    }

    private func validate(_ features: FeatureMatrix, targets: [Double], weights: [Double]?) throws {
        guard features.rowCount > 0 else { throw ExplainError(.emptyData, "no training rows") }
        guard targets.count == features.rowCount else {
            throw ExplainError(.invalidParameter, "\(targets.count) targets for \(features.rowCount) rows",
                             location: .init(field: "targets"))
        }
        if let index = targets.firstIndex(where: { !$0.isFinite }) {
            throw ExplainError(.invalidParameter, "target of row \(index) is not finite", location: .init(field: "targets"))
        }
        if parameters.objective == .logistic, let index = targets.firstIndex(where: { $0 < 0 || $0 > 1 }) {
            throw ExplainError(.invalidParameter, "logistic target of row \(index) is outside [0, 1]",
                             location: .init(field: "targets"))
        }
        if let weights {
            guard weights.count == features.rowCount, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw ExplainError(.invalidParameter, "weights must be one finite non-negative value per row",
                                 location: .init(field: "weights"))
            }
        }
    }

    /// Row positions for one tree: 0 (the root) for sampled rows, -1 for the others.
    private func samplePositions(rowCount: Int, generator: inout SplitMix64) -> [Int32] {
        guard parameters.subsample < 1 else { return [Int32](repeating: 0, count: rowCount) }
        return (0..<rowCount).map { _ in generator.unit() < parameters.subsample ? 0 : -1 }
    }

    private func makeTree(_ nodes: [ExactTreeGrower.Node]) -> TreeEnsemble.Tree {
        var tree = TreeEnsemble.Tree(splitFeatures: [], thresholds: [], leftChildren: [], rightChildren: [],
                                     defaultLeft: [], leafValues: [], covers: [])
        for node in nodes {
            let isLeaf = node.left < 0
            tree.splitFeatures.append(isLeaf ? -1 : node.feature)
            tree.thresholds.append(isLeaf ? 0 : node.threshold)
            tree.leftChildren.append(Int32(node.left))
            tree.rightChildren.append(Int32(node.right))
            tree.defaultLeft.append(node.defaultLeft)
            tree.leafValues.append(isLeaf ? -node.stats.gradient / (node.stats.hessian + parameters.lambda) * parameters.learningRate : 0)
            tree.covers.append(node.stats.hessian)
        }
        return tree
    }

    private func addPredictions(of tree: TreeEnsemble.Tree, features: FeatureMatrix, to margins: inout [Double]) {
        let width = features.columnCount
        features.values.withUnsafeBufferPointer { values in
            for row in margins.indices {
                var node = 0
                while tree.splitFeatures[node] >= 0 {
                    let value = values[row * width + Int(tree.splitFeatures[node])]
                    let goesLeft = value.isNaN ? tree.defaultLeft[node] : value < tree.thresholds[node]
                    node = Int(goesLeft ? tree.leftChildren[node] : tree.rightChildren[node])
                }
                margins[row] += tree.leafValues[node]
            }
        }
    }
}
