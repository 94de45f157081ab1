import EventLog
import TracewiseSupport

/// Exact path-dependent TreeSHAP (Lundberg et al. 2018) for a ``TreeEnsemble``: the SHAP values of the
/// model's margin where absent features follow the training cover down each split, as shap's
/// `TreeExplainer(model, feature_perturbation="tree_path_dependent")` computes them.
///
/// Creating the explainer precomputes per-leaf tables (`PathDependentTables`) so each row costs one
/// sweep per tree; trees too deep to tabulate fall back to Algorithm 2. Rows are explained on all cores.
///
/// ```swift
/// let explainer = TreeSHAP(model)
/// let shap = try explainer.explain(matrix)   // shap.expectedValue + Σ shap.row(i) == model.predict(row i)
/// ```
public struct TreeSHAP: Sendable {
    /// The explained model.
    public let model: TreeEnsemble
    /// The base value: `baseMargin` plus each tree's cover-weighted mean leaf value.
    public let expectedValue: Double
    /// Receives the rows explained so far by ``explain(_:)`` (nil by default).
    public var progress: ProgressHandler?
    private let tables: PathDependentTables

    /// Prepares the explainer; the precomputation is O(Σ leaves 2^d · d) for path lengths `d`.
    public init(_ model: TreeEnsemble) {
        self.init(model, maxTabulatedPathFeatures: PathDependentTables.maxUniqueFeatures)
    }

    /// Prepares the explainer, tabulating only trees whose paths have at most `maxTabulatedPathFeatures`
    /// distinct features (0: always use Algorithm 2's recursion).
    package init(_ model: TreeEnsemble, maxTabulatedPathFeatures: Int) {
        self.model = model
        tables = PathDependentTables(model: model, maxUniqueFeatures: maxTabulatedPathFeatures)
        expectedValue = tables.treeExpectations.reduce(model.baseMargin, +)
    }

    /// The SHAP values of every row of `matrix` (columns in the model's feature order). Explaining stops with
    /// `CancellationError` soon after its task is cancelled (checked every ``rowsPerCheck`` rows).
    /// - Throws: ``ExplainError`` `featureCountMismatch` when the column count differs from the model's;
    ///   `CancellationError`.
    /// - Complexity: O(rows × nodes) for tabulated trees.
    public func explain(_ matrix: FeatureMatrix) throws -> ShapValues {
        guard matrix.columnCount == model.featureNames.count else {
            throw ExplainError(.featureCountMismatch,
                             "data has \(matrix.columnCount) columns, model has \(model.featureNames.count) features")
        }
        let columns = matrix.columnCount
        let rowCount = matrix.rowCount
        var values = [Double](repeating: 0, count: rowCount * columns)
        let meter = ProgressMeter(progress, phase: "explain", total: rowCount, unit: "rows")
        TaskCancellation.whileRunning { cancellation in
            matrix.values.withUnsafeBufferPointer { data in
                values.withUnsafeMutableBufferPointer { out in
                    let data = UnsafeSendable(data)
                    let out = UnsafeSendable(out)
                    ConcurrentWork.forEachChunk(of: rowCount) { range in
                        var worker = Worker(explainer: self)
                        for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.rowsPerCheck) {
                            guard !cancellation.isCancelled else { return }
                            let rows = start ..< min(start + Self.rowsPerCheck, range.upperBound)
                            for row in rows {
                                let input = UnsafeBufferPointer(rebasing: data.value[row * columns ..< (row + 1) * columns])
                                let phi = UnsafeMutableBufferPointer(rebasing: out.value[row * columns ..< (row + 1) * columns])
                                worker.explain(row: input, into: phi)
                            }
                            meter?.advance(by: rows.count)
                        }
                    }
                }
            }
        }
        try Task.checkCancellation()
        meter?.finish()
        return ShapValues(featureNames: model.featureNames, expectedValue: expectedValue, values: values)
    }

    /// Rows explained between two looks at the task's cancellation (and two progress updates).
    static let rowsPerCheck = 64

    /// The SHAP values of one row.
    /// - Precondition: `row.count` equals the model's feature count.
    public func explain(row: [Double]) -> [Double] {
        precondition(row.count == model.featureNames.count, "row has \(row.count) values, model has \(model.featureNames.count) features")
        var phi = [Double](repeating: 0, count: row.count)
        var worker = Worker(explainer: self)
        row.withUnsafeBufferPointer { input in
            phi.withUnsafeMutableBufferPointer { worker.explain(row: input, into: $0) }
        }
        return phi
    }

    /// Per-thread scratch space: node masks for tabulated trees, path storage for the recursion.
    private struct Worker {
        let explainer: TreeSHAP
        var masks: [UInt32]
        var recursion: PathDependentRecursion?

        init(explainer: TreeSHAP) {
            self.explainer = explainer
            let model = explainer.model
            let largest = (0..<model.treeCount).map { Int(model.treeStarts[$0 + 1] - model.treeStarts[$0]) }.max() ?? 0
            masks = [UInt32](repeating: 0, count: largest)
            recursion = explainer.tables.tabulated.allSatisfy { $0 } ? nil : PathDependentRecursion(model: model)
        }

        mutating func explain(row: UnsafeBufferPointer<Double>, into phi: UnsafeMutableBufferPointer<Double>) {
            let model = explainer.model
            for tree in 0..<model.treeCount {
                if explainer.tables.tabulated[tree] {
                    sweep(tree: tree, row: row, into: phi)
                } else {
                    recursion!.accumulate(tree: tree, row: row, into: phi)
                }
            }
        }

        /// One forward pass over a tabulated tree: children's masks from their parent's, table rows at leaves.
        private mutating func sweep(tree: Int, row: UnsafeBufferPointer<Double>, into phi: UnsafeMutableBufferPointer<Double>) {
            let model = explainer.model
            let tables = explainer.tables
            let start = Int(model.treeStarts[tree])
            let end = Int(model.treeStarts[tree + 1])
            model.splitFeatures.withUnsafeBufferPointer { features in
            model.thresholds.withUnsafeBufferPointer { thresholds in
            model.leftChildren.withUnsafeBufferPointer { lefts in
            model.defaultLeft.withUnsafeBufferPointer { defaults in
            tables.setBits.withUnsafeBufferPointer { setBits in
            tables.clearMasks.withUnsafeBufferPointer { clearMasks in
            tables.tableOffsets.withUnsafeBufferPointer { tableOffsets in
            tables.featureOffsets.withUnsafeBufferPointer { featureOffsets in
            tables.uniqueCounts.withUnsafeBufferPointer { uniqueCounts in
            tables.leafFeatures.withUnsafeBufferPointer { leafFeatures in
            tables.contributions.withUnsafeBufferPointer { contributions in
            masks.withUnsafeMutableBufferPointer { masks in
                masks[0] = 0
                for node in start..<end {
                    let mask = masks[node - start]
                    let feature = Int(features[node])
                    if feature >= 0 {
                        let value = row[feature]
                        let left = value.isNaN ? defaults[node] : value < thresholds[node]
                        let taken = mask | setBits[node]
                        let other = mask & clearMasks[node]
                        let leftChild = Int(lefts[node]) - start
                        // Breadth-first numbering puts the right child right after the left one.
                        masks[leftChild] = left ? taken : other
                        masks[leftChild + 1] = left ? other : taken
                    } else {
                        let count = Int(uniqueCounts[node])
                        let base = tableOffsets[node] + Int(mask) * count
                        let featureBase = Int(featureOffsets[node])
                        for k in 0..<count {
                            phi[Int(leafFeatures[featureBase + k])] += contributions[base + k]
                        }
                    }
                }
            }}}}}}}}}}}}
        }
    }
}
