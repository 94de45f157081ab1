import TracewiseSupport

/// Interventional TreeSHAP (Lundberg et al. 2020, "Independent TreeSHAP") for a ``TreeEnsemble``: SHAP
/// values where absent features take their values from a background set, as shap's
/// `TreeExplainer(model, data=background, feature_perturbation="interventional")` computes them.
///
/// For a row `x` and one background row `r`, a leaf is reachable by a hybrid of the two exactly when each
/// path feature comes from whichever row satisfies all of its splits; with `A` the features that must come
/// from `x` and `B` those that must come from `r`, the leaf value `v` credits `v·(|A|−1)!|B|!/(|A|+|B|)!`
/// to each feature of `A` and `−v·|A|!(|B|−1)!/(|A|+|B|)!` to each of `B`. One traversal per tree and
/// background row finds every such leaf; the values are averaged over the background.
///
/// ```swift
/// let explainer = try InterventionalTreeSHAP(model, background: sampleOfTrainingRows)
/// let shap = try explainer.explain(matrix)
/// ```
/// - Complexity: O(rows × background rows × nodes).
public struct InterventionalTreeSHAP: Sendable {
    /// The explained model.
    public let model: TreeEnsemble
    /// The reference rows absent features are drawn from.
    public let background: FeatureMatrix
    /// The mean margin over the background rows.
    public let expectedValue: Double
    private let weights: [[Double]]

    /// - Throws: ``ExplainError`` `.emptyData` for an empty background, `.featureCountMismatch` when its
    ///   width differs from the model's.
    public init(_ model: TreeEnsemble, background: FeatureMatrix) throws {
        guard background.rowCount > 0 else { throw ExplainError(.emptyData, "the background set has no rows") }
        guard background.columnCount == model.featureNames.count else {
            throw ExplainError(.featureCountMismatch,
                             "background has \(background.columnCount) columns, model has \(model.featureNames.count) features")
        }
        self.model = model
        self.background = background
        let margins = model.predict(background)
        expectedValue = margins.reduce(0, +) / Double(margins.count)
        weights = Self.coalitionWeights(maxPlayers: model.maxDepth + 1)
    }

    /// `weights[a][b] = a!·b!/(a+b+1)!`: the Shapley weight of one player joining `a` others that must be
    /// present while `b` must be absent.
    private static func coalitionWeights(maxPlayers: Int) -> [[Double]] {
        var factorial = [1.0]
        for n in 1...(2 * maxPlayers + 2) { factorial.append(factorial[n - 1] * Double(n)) }
        return (0...maxPlayers).map { a in (0...maxPlayers).map { b in factorial[a] * factorial[b] / factorial[a + b + 1] } }
    }

    /// The SHAP values of every row of `matrix`, on all cores.
    /// - Throws: ``ExplainError`` `featureCountMismatch` when the width differs from the model's.
    public func explain(_ matrix: FeatureMatrix) throws -> ShapValues {
        guard matrix.columnCount == model.featureNames.count else {
            throw ExplainError(.featureCountMismatch,
                             "data has \(matrix.columnCount) columns, model has \(model.featureNames.count) features")
        }
        let columns = matrix.columnCount
        let rowCount = matrix.rowCount
        var values = [Double](repeating: 0, count: rowCount * columns)
        matrix.values.withUnsafeBufferPointer { data in
            values.withUnsafeMutableBufferPointer { out in
                let data = UnsafeSendable(data)
                let out = UnsafeSendable(out)
                ConcurrentWork.forEachChunk(of: rowCount, minimumChunk: 1) { range in
                    var state = [Int8](repeating: 0, count: columns)
                    for row in range {
                        let input = UnsafeBufferPointer(rebasing: data.value[row * columns ..< (row + 1) * columns])
                        let phi = UnsafeMutableBufferPointer(rebasing: out.value[row * columns ..< (row + 1) * columns])
                        explain(row: input, into: phi, state: &state)
                    }
                }
            }
        }
        return ShapValues(featureNames: model.featureNames, expectedValue: expectedValue, values: values)
    }

    /// The SHAP values of one row.
    public func explain(row: [Double]) -> [Double] {
        precondition(row.count == model.featureNames.count, "row has \(row.count) values, model has \(model.featureNames.count) features")
        var phi = [Double](repeating: 0, count: row.count)
        var state = [Int8](repeating: 0, count: row.count)
        row.withUnsafeBufferPointer { input in
            phi.withUnsafeMutableBufferPointer { explain(row: input, into: $0, state: &state) }
        }
        return phi
    }

    private func explain(row: UnsafeBufferPointer<Double>, into phi: UnsafeMutableBufferPointer<Double>, state: inout [Int8]) {
        let columns = background.columnCount
        let scale = 1 / Double(background.rowCount)
        background.values.withUnsafeBufferPointer { references in
            state.withUnsafeMutableBufferPointer { state in
                for reference in 0..<background.rowCount {
                    let base = UnsafeBufferPointer(rebasing: references[reference * columns ..< (reference + 1) * columns])
                    var walk = Walk(model: model, weights: weights, x: row, r: base, phi: phi, state: state, scale: scale)
                    for tree in 0..<model.treeCount {
                        walk.visit(Int(model.treeStarts[tree]), fromX: 0, fromR: 0)
                    }
                }
            }
        }
    }

    /// One traversal of a tree for a row `x` and a background row `r`. `state[f]` is 1 when feature `f`
    /// must come from `x` on the current path, 2 when from `r`, 0 when both rows agree so far.
    private struct Walk {
        let model: TreeEnsemble
        let weights: [[Double]]
        let x: UnsafeBufferPointer<Double>
        let r: UnsafeBufferPointer<Double>
        let phi: UnsafeMutableBufferPointer<Double>
        let state: UnsafeMutableBufferPointer<Int8>
        let scale: Double
        var pathFeatures: [Int32] = []

        init(model: TreeEnsemble, weights: [[Double]], x: UnsafeBufferPointer<Double>, r: UnsafeBufferPointer<Double>,
             phi: UnsafeMutableBufferPointer<Double>, state: UnsafeMutableBufferPointer<Int8>, scale: Double) {
            self.model = model
            self.weights = weights
            self.x = x
            self.r = r
            self.phi = phi
            self.state = state
            self.scale = scale
        }

        mutating func visit(_ node: Int, fromX: Int, fromR: Int) {
            let feature = Int(model.splitFeatures[node])
            guard feature >= 0 else {
                credit(leaf: node, fromX: fromX, fromR: fromR)
                return
            }
            let xChild = Int(model.goesLeft(node: node, value: x[feature]) ? model.leftChildren[node] : model.rightChildren[node])
            let rChild = Int(model.goesLeft(node: node, value: r[feature]) ? model.leftChildren[node] : model.rightChildren[node])
            switch state[feature] {
            case 1:
                visit(xChild, fromX: fromX, fromR: fromR)
            case 2:
                visit(rChild, fromX: fromX, fromR: fromR)
            default:
                if xChild == rChild {
                    visit(xChild, fromX: fromX, fromR: fromR)
                    return
                }
                pathFeatures.append(Int32(feature))
                state[feature] = 1
                visit(xChild, fromX: fromX + 1, fromR: fromR)
                state[feature] = 2
                visit(rChild, fromX: fromX, fromR: fromR + 1)
                state[feature] = 0
                pathFeatures.removeLast()
            }
        }

        private func credit(leaf: Int, fromX: Int, fromR: Int) {
            guard fromX + fromR > 0 else { return }
            let value = model.leafValues[leaf] * scale
            let positive = fromX > 0 ? value * weights[fromX - 1][fromR] : 0
            let negative = fromR > 0 ? -value * weights[fromX][fromR - 1] : 0
            for feature in pathFeatures {
                let index = Int(feature)
                phi[index] += state[index] == 1 ? positive : negative
            }
        }
    }
}
