import Foundation

extension TreeEnsemble {
    /// Imports a model saved by XGBoost's `save_model("model.json")` (gbtree or dart booster, one output).
    ///
    /// Predictions equal XGBoost's margins: XGBoost stores features, thresholds and leaf values as float32
    /// and compares `Float(x) < threshold`; the import converts each float32 threshold to the double
    /// threshold that splits doubles exactly as that float comparison does (see `float32SplitThreshold(_:)`),
    /// and rounds leaf values and covers to float32, so double inputs reproduce XGBoost's routing.
    ///
    /// ```swift
    /// let model = try TreeEnsemble(contentsOfXGBoostJSON: URL(fileURLWithPath: "model.json"))
    /// ```
    /// - Throws: ``ExplainError`` `.fileNotFound`, `.invalidModel` (malformed document or trees) or
    ///   `.unsupportedModel` (multi-class or multi-target, categorical splits, unknown objective).
    public init(contentsOfXGBoostJSON url: URL) throws {
        self = try ExplainError.parsing(url) { try TreeEnsemble(xgboostJSON: $0) }
    }

    /// Imports an XGBoost JSON model from its bytes; see ``init(contentsOfXGBoostJSON:)``.
    public init(xgboostJSON data: Data) throws {
        let document: XGBoostJSONModel
        do {
            document = try JSONDecoder().decode(XGBoostJSONModel.self, from: data)
        } catch let error as DecodingError {
            throw ExplainError(.invalidModel, "not an XGBoost JSON model: \(Self.describe(error))")
        }
        try self.init(xgboost: document.learner)
    }

    private init(xgboost learner: XGBoostJSONModel.Learner) throws {
        let parameters = learner.learnerModelParam
        if let classes = parameters.numClass.flatMap(Int.init), classes > 1 {
            throw ExplainError(.unsupportedModel, "multi-class models (\(classes) classes) are not supported")
        }
        if let targets = parameters.numTarget.flatMap(Int.init), targets > 1 {
            throw ExplainError(.unsupportedModel, "multi-target models (\(targets) targets) are not supported")
        }
        let link = try XGBoostObjectiveLink(objective: learner.objective.name)
        let baseScore = try Self.parseBaseScore(parameters.baseScore)
        let (model, treeWeights) = try Self.treesAndWeights(of: learner.gradientBooster)
        let stated = parameters.numFeature.flatMap(Int.init) ?? 0
        let used = model.trees.flatMap(\.splitIndices).max().map { $0 + 1 } ?? 0
        let names = learner.featureNames ?? []
        let featureCount = names.isEmpty ? max(stated, used) : names.count
        guard used <= featureCount else {
            throw ExplainError(.invalidModel, "trees split on feature \(used - 1) but the model has \(featureCount) features")
        }
        let trees = try model.trees.enumerated().map { index, tree in
            try Self.convert(tree, index: index, weight: treeWeights?[index] ?? 1)
        }
        try self.init(featureNames: names.isEmpty ? (0..<featureCount).map { "f\($0)" } : names,
                      baseMargin: link.margin(forBaseScore: baseScore),
                      outputTransform: link.outputTransform,
                      sumsInFloat32: true,
                      trees: trees)
    }

    private static func treesAndWeights(of booster: XGBoostJSONModel.GradientBooster) throws
        -> (XGBoostJSONModel.GBTreeModel, [Double]?) {
        switch booster.name {
        case "gbtree":
            guard let model = booster.model else { throw ExplainError(.invalidModel, "gbtree booster has no model") }
            return (model, nil)
        case "dart":
            guard let model = booster.gbtree?.model else { throw ExplainError(.invalidModel, "dart booster has no trees") }
            if let weights = booster.weightDrop, weights.count != model.trees.count {
                throw ExplainError(.invalidModel, "dart has \(weights.count) weights for \(model.trees.count) trees")
            }
            return (model, booster.weightDrop)
        default:
            throw ExplainError(.unsupportedModel, "booster '\(booster.name)' is not a tree booster")
        }
    }

    private static func convert(_ tree: XGBoostJSONModel.Tree, index: Int, weight: Double) throws -> Tree {
        let count = tree.leftChildren.count
        let lengths = [tree.rightChildren.count, tree.splitIndices.count, tree.splitConditions.count,
                       tree.defaultLeft.count, tree.sumHessian.count]
        guard count > 0, lengths.allSatisfy({ $0 == count }) else {
            throw ExplainError(.invalidModel, "tree \(index): node arrays are empty or differ in length")
        }
        if let types = tree.splitType, types.contains(where: { $0 != 0 }) {
            throw ExplainError(.unsupportedModel, "tree \(index) has categorical splits")
        }
        var result = Tree(splitFeatures: [], thresholds: [], leftChildren: [], rightChildren: [],
                          defaultLeft: [], leafValues: [], covers: [])
        for node in 0..<count {
            let isLeaf = tree.leftChildren[node] < 0
            let condition = Float(tree.splitConditions[node])
            result.splitFeatures.append(isLeaf ? -1 : Int32(tree.splitIndices[node]))
            result.thresholds.append(isLeaf ? 0 : float32SplitThreshold(condition))
            result.leftChildren.append(Int32(tree.leftChildren[node]))
            result.rightChildren.append(Int32(tree.rightChildren[node]))
            result.defaultLeft.append(tree.defaultLeft[node] != 0)
            result.leafValues.append(isLeaf ? Double(Float(Double(condition) * weight)) : 0)
            result.covers.append(Double(Float(tree.sumHessian[node])))
        }
        return result
    }

    /// Parses `base_score`, which XGBoost writes as `"0.5"`, `"5E-1"` or, since 2.1, `"[5E-1]"`.
    private static func parseBaseScore(_ text: String?) throws -> Double {
        guard let text else { return 0.5 }
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        let parts = trimmed.split(separator: ",")
        guard parts.count == 1, let value = Float(parts[0].trimmingCharacters(in: .whitespaces)) else {
            throw ExplainError(.invalidModel, "base_score '\(text)' is not a single number")
        }
        return Double(value)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return keys.isEmpty ? "top level" : keys
    }
}

/// The threshold `d` such that, for every double `x`, `x < d` exactly when `Float(x) < t`: XGBoost
/// rounds features to float32 before comparing with its float32 thresholds.
///
/// `Float(x) < t` holds for `x` below the midpoint `m` between `t` and the next float down, and at `m`
/// itself when round-half-to-even rounds `m` down (the lower neighbour has an even significand); `m` is
/// exactly representable as a double, so `d` is `m` or the next double above it.
package func float32SplitThreshold(_ threshold: Float) -> Double {
    guard threshold.isFinite else { return Double(threshold) }
    let below = threshold.nextDown
    guard below.isFinite else { return Double(threshold) }
    let midpoint = (Double(below) + Double(threshold)) / 2
    let roundsDown = Float(midpoint) == below
    return roundsDown ? midpoint.nextUp : midpoint
}
