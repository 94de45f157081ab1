/// Fast-TreeSHAP-v2-style precomputation for path-dependent TreeSHAP (Yang 2021, building on
/// Lundberg et al. 2020).
///
/// For a leaf with value `v` whose root path splits on the distinct features `D` (`d = |D|`), with zero
/// fractions `z_j` (product of cover ratios along the path's splits on `j`), a row only matters through
/// the set `U ⊆ D` of features whose every split on the path the row satisfies (its one fractions). The
/// leaf's contribution to feature `k` is then
///
///     k ∈ U:  v (1 − z_k) · Π_{j ∉ U} z_j · H(U \ {k})
///     k ∉ U:  −v z_k     · Π_{j ∉ U ∪ {k}} z_j · H(U)
///     H(A) = Σ_{S ⊆ A} w(|S|, d) Π_{j ∈ A \ S} z_j,   w(s, d) = s! (d − s − 1)! / d!
///
/// so all `2^d × d` contributions are tabulated once per leaf in O(2^d · d). Explaining a row then sweeps
/// each tree once in node order, tracking `U` as a bit mask per node, and adds `d` table entries per leaf.
struct PathDependentTables: Sendable {
    /// Trees whose tables would exceed these limits use the per-row recursion instead.
    static let maxUniqueFeatures = 16
    static let maxEntriesPerTree = 1 << 22
    /// At most this many table entries (8 bytes each) over the whole model; later trees use the recursion.
    static let maxTotalEntries = 1 << 24

    /// Per tree: whether it is tabulated.
    var tabulated: [Bool]
    /// Per internal node: the bit to set in the taken child's mask (0 when the feature already occurs above).
    var setBits: [UInt32]
    /// Per internal node: the mask that clears the split feature's bit in the other child.
    var clearMasks: [UInt32]
    /// Per leaf: offset of its table in ``contributions`` (row `U` starts at `offset + U · d`).
    var tableOffsets: [Int]
    /// Per leaf: offset of its distinct path features in ``leafFeatures``.
    var featureOffsets: [Int32]
    /// Per leaf: the number of distinct features on its path.
    var uniqueCounts: [UInt8]
    /// The distinct path features of every leaf, in bit order.
    var leafFeatures: [Int32]
    /// The contribution tables.
    var contributions: [Double]
    /// Per tree: Σ over leaves of value × product of cover ratios (the tree's expected value).
    var treeExpectations: [Double]

    /// Tabulates every tree whose leaves have at most `maxUniqueFeatures` distinct path features.
    init(model: TreeEnsemble, maxUniqueFeatures: Int = PathDependentTables.maxUniqueFeatures) {
        let count = model.nodeCount
        tabulated = []
        setBits = [UInt32](repeating: 0, count: count)
        clearMasks = [UInt32](repeating: ~0, count: count)
        tableOffsets = [Int](repeating: 0, count: count)
        featureOffsets = [Int32](repeating: 0, count: count)
        uniqueCounts = [UInt8](repeating: 0, count: count)
        leafFeatures = []
        contributions = []
        treeExpectations = []
        for tree in 0..<model.treeCount {
            let paths = LeafPaths(model: model, tree: tree)
            treeExpectations.append(paths.expectation)
            let fits = paths.maxUniqueCount <= maxUniqueFeatures && paths.tableEntries <= Self.maxEntriesPerTree
                && contributions.count + paths.tableEntries <= Self.maxTotalEntries
            tabulated.append(fits)
            if fits { tabulate(paths, model: model) }
        }
    }

    private mutating func tabulate(_ paths: LeafPaths, model: TreeEnsemble) {
        for node in paths.nodes {
            if let bit = paths.bitPosition[node] {
                setBits[node] = paths.isFirstOccurrence[node] == true ? UInt32(1) << bit : 0
                clearMasks[node] = ~(UInt32(1) << bit)
            }
        }
        for leaf in paths.leaves {
            let features = leaf.features
            tableOffsets[leaf.node] = contributions.count
            featureOffsets[leaf.node] = Int32(leafFeatures.count)
            uniqueCounts[leaf.node] = UInt8(features.count)
            leafFeatures.append(contentsOf: features)
            contributions.append(contentsOf: Self.table(value: model.leafValues[leaf.node], zeroFractions: leaf.zeroFractions))
        }
    }

    /// The `2^d × d` contribution table of one leaf (see the type's documentation).
    static func table(value: Double, zeroFractions z: [Double]) -> [Double] {
        let d = z.count
        guard d > 0 else { return [] }
        let subsets = 1 << d
        let weights = ShapleyWeights.weights(playerCount: d)
        // outside[U] = Π_{j ∉ U} z_j.
        var outside = [Double](repeating: 1, count: subsets)
        for u in 0..<subsets {
            var product = 1.0
            for j in 0..<d where u & (1 << j) == 0 { product *= z[j] }
            outside[u] = product
        }
        // poly[A] = coefficients of Π_{j ∈ A} (z_j + t); h[A] = Σ_s w(s, d) poly[A][s] for |A| < d.
        var poly = [Double](repeating: 0, count: subsets * (d + 1))
        var h = [Double](repeating: 0, count: subsets)
        poly[0] = 1
        h[0] = weights[0]
        for a in 1..<subsets {
            let high = Int.bitWidth - 1 - a.leadingZeroBitCount
            let parent = a & ~(1 << high)
            let size = a.nonzeroBitCount
            var sum = 0.0
            for s in 0...size {
                let fromZero = s < size ? poly[parent * (d + 1) + s] * z[high] : 0
                let fromOne = s > 0 ? poly[parent * (d + 1) + s - 1] : 0
                let coefficient = fromZero + fromOne
                poly[a * (d + 1) + s] = coefficient
                if s < d { sum += weights[s] * coefficient }
            }
            h[a] = sum
        }
        var table = [Double](repeating: 0, count: subsets * d)
        for u in 0..<subsets {
            for k in 0..<d {
                let bit = 1 << k
                table[u * d + k] = u & bit != 0
                    ? value * (1 - z[k]) * outside[u] * h[u & ~bit]
                    : -value * z[k] * outside[u | bit] * h[u]
            }
        }
        return table
    }
}

/// The root-to-leaf paths of one tree: per internal node the bit its split feature occupies on the path,
/// per leaf its distinct features and their zero fractions.
struct LeafPaths {
    struct Leaf {
        var node: Int
        var features: [Int32]
        var zeroFractions: [Double]
    }

    var nodes: Range<Int>
    var bitPosition: [Int: Int] = [:]
    var isFirstOccurrence: [Int: Bool] = [:]
    var leaves: [Leaf] = []
    var expectation = 0.0
    var maxUniqueCount = 0
    var tableEntries = 0

    init(model: TreeEnsemble, tree: Int) {
        nodes = Int(model.treeStarts[tree]) ..< Int(model.treeStarts[tree + 1])
        visit(model: model, node: nodes.lowerBound, features: [], zeroFractions: [], probability: 1)
    }

    private mutating func visit(model: TreeEnsemble, node: Int, features: [Int32], zeroFractions: [Double],
                                probability: Double) {
        let feature = model.splitFeatures[node]
        guard feature >= 0 else {
            leaves.append(Leaf(node: node, features: features, zeroFractions: zeroFractions))
            expectation += probability * model.leafValues[node]
            maxUniqueCount = max(maxUniqueCount, features.count)
            tableEntries += features.count < 31 ? (1 << features.count) * features.count : Int.max / 2
            return
        }
        let existing = features.firstIndex(of: feature)
        bitPosition[node] = existing ?? features.count
        isFirstOccurrence[node] = existing == nil
        for child in [Int(model.leftChildren[node]), Int(model.rightChildren[node])] {
            let ratio = coverRatio(model.covers[child], model.covers[node])
            var childFeatures = features
            var childFractions = zeroFractions
            if let existing {
                childFractions[existing] *= ratio
            } else {
                childFeatures.append(feature)
                childFractions.append(ratio)
            }
            visit(model: model, node: child, features: childFeatures, zeroFractions: childFractions,
                  probability: probability * ratio)
        }
    }
}

/// The fraction of a node's training cover that reaches one child; 0 when the node has no cover.
@inline(__always)
func coverRatio(_ child: Double, _ parent: Double) -> Double {
    parent > 0 ? child / parent : 0
}
