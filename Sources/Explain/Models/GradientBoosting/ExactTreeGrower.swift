import TracewiseSupport

/// Grows one regression tree on gradient statistics with XGBoost's exact greedy method
/// (`tree_method=exact`): level by level, each feature's presorted column is scanned once, every distinct
/// value boundary is a candidate split, and missing values are tried on both sides to learn each split's
/// default direction. Features are scanned concurrently; the best split per node is chosen in feature
/// order, so results do not depend on scheduling.
struct ExactTreeGrower {
    /// A node while the tree grows.
    struct Node {
        var stats: GradientPair
        var depth: Int
        var feature: Int32 = -1
        var threshold = 0.0
        var defaultLeft = false
        var left = -1
        var right = -1
        var gain = 0.0
    }

    /// The best split found for one node.
    struct Candidate {
        var gain = 0.0
        var feature: Int32 = -1
        var threshold = 0.0
        var defaultLeft = false
        var leftStats = GradientPair.zero
    }

    /// XGBoost's `kRtEps`: splits must reduce the loss by more than this.
    static let minimumGain = 1e-6

    let parameters: GradientBoostingParameters
    let columns: PresortedColumns
    let matrix: FeatureMatrix

    /// Grows a tree for the rows with `position[row] == 0` (the others are not sampled: pass -1).
    func grow(gradients: [GradientPair], positions initial: [Int32]) -> [Node] {
        var positions = initial
        var root = GradientPair.zero
        for row in positions.indices where positions[row] >= 0 { root += gradients[row] }
        var nodes = [Node(stats: root, depth: 0)]
        var level = [0]
        while !level.isEmpty {
            let open = level.filter { canSplit(nodes[$0]) }
            guard !open.isEmpty else { break }
            let best = bestSplits(open: open, nodes: nodes, gradients: gradients, positions: positions)
            var next: [Int] = []
            for (slot, node) in open.enumerated() where best[slot].gain > Self.minimumGain {
                let split = best[slot]
                let left = nodes.count
                nodes.append(Node(stats: split.leftStats, depth: nodes[node].depth + 1))
                nodes.append(Node(stats: nodes[node].stats - split.leftStats, depth: nodes[node].depth + 1))
                nodes[node].feature = split.feature
                nodes[node].threshold = split.threshold
                nodes[node].defaultLeft = split.defaultLeft
                nodes[node].left = left
                nodes[node].right = left + 1
                nodes[node].gain = split.gain
                next.append(contentsOf: [left, left + 1])
            }
            route(&positions, nodes: nodes)
            level = next
        }
        prune(&nodes)
        return nodes
    }

    private func canSplit(_ node: Node) -> Bool {
        node.depth < parameters.maxDepth && node.stats.hessian >= 2 * parameters.minChildWeight
    }

    /// Moves every row of a node that was just split into the child its value selects.
    private func route(_ positions: inout [Int32], nodes: [Node]) {
        let width = matrix.columnCount
        matrix.values.withUnsafeBufferPointer { values in
            for row in positions.indices {
                let node = Int(positions[row])
                guard node >= 0, nodes[node].feature >= 0, nodes[node].left >= 0 else { continue }
                let value = values[row * width + Int(nodes[node].feature)]
                let goesLeft = value.isNaN ? nodes[node].defaultLeft : value < nodes[node].threshold
                positions[row] = Int32(goesLeft ? nodes[node].left : nodes[node].right)
            }
        }
    }

    /// XGBoost's pruner: collapse, bottom-up, splits whose both children are leaves and whose gain is
    /// below `gamma`.
    private func prune(_ nodes: inout [Node]) {
        guard parameters.gamma > 0 else { return }
        func visit(_ index: Int) {
            guard nodes[index].left >= 0 else { return }
            visit(nodes[index].left)
            visit(nodes[index].right)
            let leftIsLeaf = nodes[nodes[index].left].left < 0
            let rightIsLeaf = nodes[nodes[index].right].left < 0
            if leftIsLeaf && rightIsLeaf && nodes[index].gain < parameters.gamma {
                nodes[index].left = -1
                nodes[index].right = -1
                nodes[index].feature = -1
            }
        }
        visit(0)
    }

    /// The best split per open node over all features.
    private func bestSplits(open: [Int], nodes: [Node], gradients: [GradientPair], positions: [Int32]) -> [Candidate] {
        var slotOfNode = [Int32](repeating: -1, count: nodes.count)
        for (slot, node) in open.enumerated() { slotOfNode[node] = Int32(slot) }
        let totals = open.map { nodes[$0].stats }
        let featureCount = matrix.columnCount
        var perFeature = [Candidate](repeating: Candidate(), count: featureCount * open.count)
        perFeature.withUnsafeMutableBufferPointer { output in
            let output = UnsafeSendable(output)
            let context = ScanContext(grower: self, slotOfNode: slotOfNode, totals: totals,
                                      gradients: gradients, positions: positions)
            ConcurrentWork.forEach(featureCount) { feature in
                let best = context.scan(feature: feature)
                for slot in best.indices { output.value[feature * best.count + slot] = best[slot] }
            }
        }
        var best = [Candidate](repeating: Candidate(), count: open.count)
        for feature in 0..<featureCount {
            for slot in 0..<open.count where perFeature[feature * open.count + slot].gain > best[slot].gain {
                best[slot] = perFeature[feature * open.count + slot]
            }
        }
        return best
    }
}

/// What one feature scan reads: immutable per level, shared by the concurrent scans.
private struct ScanContext: Sendable {
    let lambda: Double
    let minChildWeight: Double
    let columns: PresortedColumns
    let slotOfNode: [Int32]
    let totals: [GradientPair]
    let gradients: [GradientPair]
    let positions: [Int32]

    init(grower: ExactTreeGrower, slotOfNode: [Int32], totals: [GradientPair], gradients: [GradientPair],
         positions: [Int32]) {
        lambda = grower.parameters.lambda
        minChildWeight = grower.parameters.minChildWeight
        columns = grower.columns
        self.slotOfNode = slotOfNode
        self.totals = totals
        self.gradients = gradients
        self.positions = positions
    }

    @inline(__always)
    private func score(_ stats: GradientPair) -> Double {
        stats.gradient * stats.gradient / (stats.hessian + lambda)
    }

    /// Scans one presorted column and returns the best split of this feature for every open node.
    func scan(feature: Int) -> [ExactTreeGrower.Candidate] {
        let slots = totals.count
        var best = [ExactTreeGrower.Candidate](repeating: .init(), count: slots)
        var missing = [GradientPair](repeating: .zero, count: slots)
        var missingCount = [Int](repeating: 0, count: slots)
        for row in columns.missingRows[feature] {
            let node = positions[Int(row)]
            guard node >= 0, case let slot = Int(slotOfNode[Int(node)]), slot >= 0 else { continue }
            missing[slot] += gradients[Int(row)]
            missingCount[slot] += 1
        }
        var accumulated = [GradientPair](repeating: .zero, count: slots)
        var last = [Double](repeating: .nan, count: slots)
        let parentScores = totals.map(score)
        let hasMissing = missingCount.map { $0 > 0 }
        let start = columns.offsets[feature]
        let end = columns.offsets[feature + 1]
        columns.rows.withUnsafeBufferPointer { rows in
        columns.values.withUnsafeBufferPointer { values in
        positions.withUnsafeBufferPointer { positions in
        slotOfNode.withUnsafeBufferPointer { slotOfNode in
        gradients.withUnsafeBufferPointer { gradients in
        accumulated.withUnsafeMutableBufferPointer { accumulated in
        last.withUnsafeMutableBufferPointer { last in
            for index in start..<end {
                let row = Int(rows[index])
                let node = positions[row]
                if node < 0 { continue }
                let slot = Int(slotOfNode[Int(node)])
                if slot < 0 { continue }
                let value = values[index]
                let previous = last[slot]
                if value != previous && !previous.isNaN {
                    var threshold = (previous + value) / 2
                    if !(threshold > previous) { threshold = value }
                    consider(slot: slot, threshold: threshold, left: accumulated[slot], missing: missing[slot],
                             hasMissing: hasMissing[slot], parentScore: parentScores[slot], into: &best)
                }
                accumulated[slot] += gradients[row]
                last[slot] = value
            }
        }}}}}}}
        // Every present value left, every missing value right.
        for slot in 0..<slots where missingCount[slot] > 0 && !last[slot].isNaN {
            evaluate(slot: slot, threshold: .infinity, left: accumulated[slot], defaultLeft: false,
                     parentScore: parentScores[slot], into: &best)
        }
        for slot in 0..<slots where best[slot].feature >= 0 { best[slot].feature = Int32(feature) }
        return best
    }

    @inline(__always)
    private func consider(slot: Int, threshold: Double, left: GradientPair, missing: GradientPair, hasMissing: Bool,
                          parentScore: Double, into best: inout [ExactTreeGrower.Candidate]) {
        if hasMissing {
            evaluate(slot: slot, threshold: threshold, left: left, defaultLeft: false, parentScore: parentScore, into: &best)
            evaluate(slot: slot, threshold: threshold, left: left + missing, defaultLeft: true, parentScore: parentScore, into: &best)
        } else {
            // No missing values seen: send future missing values to the heavier side.
            let right = totals[slot] - left
            evaluate(slot: slot, threshold: threshold, left: left, defaultLeft: left.hessian >= right.hessian,
                     parentScore: parentScore, into: &best)
        }
    }

    @inline(__always)
    private func evaluate(slot: Int, threshold: Double, left: GradientPair, defaultLeft: Bool, parentScore: Double,
                          into best: inout [ExactTreeGrower.Candidate]) {
        let right = totals[slot] - left
        guard left.hessian >= minChildWeight, right.hessian >= minChildWeight else { return }
        let gain = score(left) + score(right) - parentScore
        if gain > best[slot].gain {
            best[slot] = ExactTreeGrower.Candidate(gain: gain, feature: 0, threshold: threshold,
                                                   defaultLeft: defaultLeft, leftStats: left)
        }
    }
}
