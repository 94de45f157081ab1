import Foundation
import TracewiseSupport

/// An additive ensemble of binary regression trees (gradient-boosted trees, imported XGBoost models),
/// stored flat for cache-friendly prediction and TreeSHAP.
///
/// Nodes of all trees live in parallel arrays; tree `t` owns nodes `treeStarts[t] ..< treeStarts[t + 1]`,
/// its root is `treeStarts[t]`, and every child index is greater than its parent's (breadth-first order),
/// which lets TreeSHAP sweep a tree in one forward pass. A node is a leaf when `splitFeatures[node] < 0`.
/// A row goes left when `row[feature] < threshold`; a missing value (NaN) goes to the default side.
///
/// The prediction is the *margin*: `baseMargin + Σ leaf values`. ``outputTransform`` maps it to the output
/// scale (a probability for logistic models).
///
/// ```swift
/// let model = try TreeEnsemble(contentsOfXGBoostJSON: URL(fileURLWithPath: "model.json"))
/// let margin = model.predict([26, 16, 10, 5, 4, 22, 20000])
/// let shap = TreeSHAP(model).explain(matrix)
/// ```
public struct TreeEnsemble: PredictiveModel, Codable, Hashable {
    /// How a margin maps to the model's output scale.
    public enum OutputTransform: String, Sendable, Codable, Hashable {
        /// The output is the margin (regression).
        case identity
        /// The output is `1 / (1 + e^-margin)` (binary classification).
        case sigmoid
        /// The output is `e^margin` (Poisson, gamma, Tweedie regression).
        case exponential
    }

    public var featureNames: [String]
    /// The margin before any tree contributes (XGBoost's `base_score` in margin space).
    public var baseMargin: Double
    /// How ``predict(_:)-([Double])`` margins map to outputs; see ``output(forMargin:)``.
    public var outputTransform: OutputTransform
    /// Whether margins are summed in float32, tree by tree from the base margin, as XGBoost does;
    /// imported XGBoost models set it so predictions equal XGBoost's to the last float bit.
    public var sumsInFloat32: Bool
    /// Node ranges per tree: `treeCount + 1` offsets into the node arrays.
    public private(set) var treeStarts: [Int32]
    /// The feature each internal node splits on; `-1` for leaves.
    public private(set) var splitFeatures: [Int32]
    /// Split thresholds: rows with `value < threshold` go left.
    public private(set) var thresholds: [Double]
    /// Left child node index (absolute); `-1` for leaves.
    public private(set) var leftChildren: [Int32]
    /// Right child node index (absolute); `-1` for leaves.
    public private(set) var rightChildren: [Int32]
    /// Whether a missing value goes left at each internal node.
    public private(set) var defaultLeft: [Bool]
    /// Leaf values (already scaled by the learning rate); unused for internal nodes.
    public private(set) var leafValues: [Double]
    /// The training cover (sum of hessians, or of sample weights) reaching each node; TreeSHAP uses it.
    public private(set) var covers: [Double]

    /// The number of trees.
    public var treeCount: Int { treeStarts.count - 1 }
    /// The number of nodes over all trees.
    public var nodeCount: Int { splitFeatures.count }

    /// The trees of an ensemble, each given as node arrays indexed from 0 with root 0.
    public struct Tree: Sendable, Hashable {
        public var splitFeatures: [Int32]
        public var thresholds: [Double]
        public var leftChildren: [Int32]
        public var rightChildren: [Int32]
        public var defaultLeft: [Bool]
        public var leafValues: [Double]
        public var covers: [Double]

        /// Creates a tree from parallel node arrays; a node with `splitFeature < 0` is a leaf.
        public init(splitFeatures: [Int32], thresholds: [Double], leftChildren: [Int32], rightChildren: [Int32],
                    defaultLeft: [Bool], leafValues: [Double], covers: [Double]) {
            self.splitFeatures = splitFeatures
            self.thresholds = thresholds
            self.leftChildren = leftChildren
            self.rightChildren = rightChildren
            self.defaultLeft = defaultLeft
            self.leafValues = leafValues
            self.covers = covers
        }
    }

    /// Creates an ensemble from trees, renumbering each tree's nodes breadth-first from its root
    /// (unreachable nodes are dropped).
    /// - Throws: ``ExplainError`` `invalidModel` when arrays differ in length, a child index
    ///   is out of range, a node is reached twice, or a split names a feature beyond `featureNames`.
    public init(featureNames: [String], baseMargin: Double, outputTransform: OutputTransform = .identity,
                sumsInFloat32: Bool = false, trees: [Tree]) throws {
        self.featureNames = featureNames
        self.baseMargin = baseMargin
        self.outputTransform = outputTransform
        self.sumsInFloat32 = sumsInFloat32
        treeStarts = [0]
        splitFeatures = []
        thresholds = []
        leftChildren = []
        rightChildren = []
        defaultLeft = []
        leafValues = []
        covers = []
        for (index, tree) in trees.enumerated() {
            try append(tree, index: index)
        }
    }

    private mutating func append(_ tree: Tree, index: Int) throws {
        let count = tree.splitFeatures.count
        let lengths = [tree.thresholds.count, tree.leftChildren.count, tree.rightChildren.count,
                       tree.defaultLeft.count, tree.leafValues.count, tree.covers.count]
        guard count > 0, lengths.allSatisfy({ $0 == count }) else {
            throw ExplainError(.invalidModel, "tree \(index): node arrays are empty or differ in length")
        }
        let start = splitFeatures.count
        var order = [0]
        var newIndex = [Int32](repeating: -1, count: count)
        newIndex[0] = 0
        var cursor = 0
        while cursor < order.count {
            let node = order[cursor]
            cursor += 1
            guard tree.splitFeatures[node] >= 0 else { continue }
            guard Int(tree.splitFeatures[node]) < featureNames.count else {
                throw ExplainError(.invalidModel,
                                 "tree \(index) node \(node) splits on feature \(tree.splitFeatures[node]) of \(featureNames.count)")
            }
            for child in [tree.leftChildren[node], tree.rightChildren[node]] {
                guard child > 0, Int(child) < count, newIndex[Int(child)] < 0 else {
                    throw ExplainError(.invalidModel, "tree \(index) node \(node) has invalid child \(child)")
                }
                newIndex[Int(child)] = Int32(order.count)
                order.append(Int(child))
            }
        }
        for node in order {
            let isLeaf = tree.splitFeatures[node] < 0
            splitFeatures.append(isLeaf ? -1 : tree.splitFeatures[node])
            thresholds.append(isLeaf ? 0 : tree.thresholds[node])
            leftChildren.append(isLeaf ? -1 : Int32(start) + newIndex[Int(tree.leftChildren[node])])
            rightChildren.append(isLeaf ? -1 : Int32(start) + newIndex[Int(tree.rightChildren[node])])
            defaultLeft.append(isLeaf ? false : tree.defaultLeft[node])
            leafValues.append(isLeaf ? tree.leafValues[node] : 0)
            covers.append(tree.covers[node])
        }
        treeStarts.append(Int32(splitFeatures.count))
    }

    /// The output-scale value (probability, count, …) for a margin.
    public func output(forMargin margin: Double) -> Double {
        switch outputTransform {
        case .identity: return margin
        case .sigmoid: return 1 / (1 + exp(-margin))
        case .exponential: return exp(margin)
        }
    }

    /// The margin for one row (columns in ``featureNames`` order; NaN is missing).
    /// - Complexity: O(trees × depth).
    public func predict(_ row: [Double]) -> Double {
        precondition(row.count == featureNames.count, "row has \(row.count) values, model has \(featureNames.count) features")
        return row.withUnsafeBufferPointer { predictMargin(row: $0, float32: sumsInFloat32) }
    }

    /// The margins for every row of `matrix`, computed on all cores.
    /// - Precondition: the matrix has as many columns as the model has features.
    public func predict(_ matrix: FeatureMatrix) -> [Double] {
        predict(rows: matrix.values, columnCount: matrix.columnCount)
    }

    /// The margins for row-major `rows` of `columnCount` values each, computed on all cores.
    public func predict(rows: [Double], columnCount: Int) -> [Double] {
        margins(rows: rows, columnCount: columnCount, float32: sumsInFloat32)
    }

    /// The margins of every row of `matrix` summed in double precision, whatever ``sumsInFloat32`` says:
    /// the value SHAP values add up to exactly (`expectedValue + Σ φ`). For imported XGBoost models it
    /// differs from ``predict(_:)-(FeatureMatrix)`` (XGBoost's float32 sum) by float32 rounding only.
    public func exactMargins(_ matrix: FeatureMatrix) -> [Double] {
        margins(rows: matrix.values, columnCount: matrix.columnCount, float32: false)
    }

    private func margins(rows: [Double], columnCount: Int, float32: Bool) -> [Double] {
        precondition(columnCount == featureNames.count, "data has \(columnCount) columns, model has \(featureNames.count) features")
        let rowCount = columnCount == 0 ? 0 : rows.count / columnCount
        var margins = [Double](repeating: 0, count: rowCount)
        rows.withUnsafeBufferPointer { data in
            margins.withUnsafeMutableBufferPointer { out in
                let data = UnsafeSendable(data)
                let out = UnsafeSendable(out)
                ConcurrentWork.forEachChunk(of: rowCount) { range in
                    for row in range {
                        let slice = UnsafeBufferPointer(rebasing: data.value[row * columnCount ..< (row + 1) * columnCount])
                        out.value[row] = predictMargin(row: slice, float32: float32)
                    }
                }
            }
        }
        return margins
    }

    /// The margin for one row given as a buffer, summed as XGBoost does when `float32` is set.
    @inline(__always)
    func predictMargin(row: UnsafeBufferPointer<Double>, float32: Bool) -> Double {
        if float32 {
            var sum = Float(baseMargin)
            for tree in 0..<treeCount {
                sum += Float(leafValues[leaf(ofTree: tree, row: row)])
            }
            return Double(sum)
        }
        var sum = baseMargin
        for tree in 0..<treeCount {
            sum += leafValues[leaf(ofTree: tree, row: row)]
        }
        return sum
    }

    /// The leaf `row` reaches in tree `tree`.
    @inline(__always)
    package func leaf(ofTree tree: Int, row: UnsafeBufferPointer<Double>) -> Int {
        var node = Int(treeStarts[tree])
        while true {
            let feature = Int(splitFeatures[node])
            if feature < 0 { return node }
            node = Int(goesLeft(node: node, value: row[feature]) ? leftChildren[node] : rightChildren[node])
        }
    }

    /// Whether `value` goes left at internal node `node`.
    @inline(__always)
    package func goesLeft(node: Int, value: Double) -> Bool {
        value.isNaN ? defaultLeft[node] : value < thresholds[node]
    }

    /// The maximum depth (edges from root to deepest leaf) over all trees.
    public var maxDepth: Int {
        var depth = [Int](repeating: 0, count: nodeCount)
        var deepest = 0
        for node in 0..<nodeCount where splitFeatures[node] >= 0 {
            depth[Int(leftChildren[node])] = depth[node] + 1
            depth[Int(rightChildren[node])] = depth[node] + 1
            deepest = max(deepest, depth[node] + 1)
        }
        return deepest
    }
}
