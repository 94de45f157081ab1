/// Path-dependent TreeSHAP for one row and one tree by Lundberg et al. (2018), Algorithm 2: a recursion
/// that carries, along the root-to-node path, the proportion of all feature subsets that reach the node
/// (EXTEND), removes a feature again when it reappears deeper (UNWIND), and credits each path feature at
/// the leaves. Used for trees too deep to tabulate (see ``PathDependentTables``) and as a reference.
///
/// - Complexity: O(leaves × depth²) per row and tree.
struct PathDependentRecursion {
    private struct PathElement {
        var feature: Int32 = -1
        var zeroFraction = 0.0
        var oneFraction = 0.0
        var weight = 0.0
    }

    private let model: TreeEnsemble
    private var storage: [PathElement]

    /// A recursion able to handle trees of `model` up to the model's maximum depth.
    init(model: TreeEnsemble) {
        self.model = model
        let depth = model.maxDepth + 2
        storage = [PathElement](repeating: PathElement(), count: depth * (depth + 1) / 2 + depth)
    }

    /// Adds the SHAP values of `tree` for `row` into `phi`.
    mutating func accumulate(tree: Int, row: UnsafeBufferPointer<Double>, into phi: UnsafeMutableBufferPointer<Double>) {
        let model = self.model
        storage.withUnsafeMutableBufferPointer { path in
            Self.recurse(model: model, node: Int(model.treeStarts[tree]), row: row, phi: phi, path: path.baseAddress!,
                         uniqueDepth: 0, zeroFraction: 1, oneFraction: 1, feature: -1)
        }
    }

    private static func recurse(model: TreeEnsemble, node: Int, row: UnsafeBufferPointer<Double>,
                                phi: UnsafeMutableBufferPointer<Double>, path parentPath: UnsafeMutablePointer<PathElement>,
                                uniqueDepth depthIn: Int, zeroFraction: Double, oneFraction: Double, feature: Int32) {
        var uniqueDepth = depthIn
        let path = parentPath + (uniqueDepth + 1)
        path.update(from: parentPath, count: uniqueDepth + 1)
        extend(path, uniqueDepth, zeroFraction, oneFraction, feature)
        let split = model.splitFeatures[node]
        guard split >= 0 else {
            let value = model.leafValues[node]
            for index in stride(from: 1, through: uniqueDepth, by: 1) {
                let weight = unwoundSum(path, uniqueDepth, index)
                let element = path[index]
                phi[Int(element.feature)] += weight * (element.oneFraction - element.zeroFraction) * value
            }
            return
        }
        let left = Int(model.leftChildren[node])
        let right = Int(model.rightChildren[node])
        let goesLeft = model.goesLeft(node: node, value: row[Int(split)])
        let hot = goesLeft ? left : right
        let cold = goesLeft ? right : left
        let cover = model.covers[node]
        var incomingZero = 1.0
        var incomingOne = 1.0
        var index = 0
        while index <= uniqueDepth && path[index].feature != split { index += 1 }
        if index <= uniqueDepth {
            incomingZero = path[index].zeroFraction
            incomingOne = path[index].oneFraction
            unwind(path, uniqueDepth, index)
            uniqueDepth -= 1
        }
        recurse(model: model, node: hot, row: row, phi: phi, path: path, uniqueDepth: uniqueDepth + 1,
                zeroFraction: coverRatio(model.covers[hot], cover) * incomingZero, oneFraction: incomingOne, feature: split)
        recurse(model: model, node: cold, row: row, phi: phi, path: path, uniqueDepth: uniqueDepth + 1,
                zeroFraction: coverRatio(model.covers[cold], cover) * incomingZero, oneFraction: 0, feature: split)
    }

    private static func extend(_ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ zero: Double,
                               _ one: Double, _ feature: Int32) {
        path[depth] = PathElement(feature: feature, zeroFraction: zero, oneFraction: one, weight: depth == 0 ? 1 : 0)
        let scale = 1 / Double(depth + 1)
        var i = depth - 1
        while i >= 0 {
            path[i + 1].weight += one * path[i].weight * Double(i + 1) * scale
            path[i].weight = zero * path[i].weight * Double(depth - i) * scale
            i -= 1
        }
    }

    private static func unwind(_ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ index: Int) {
        let one = path[index].oneFraction
        let zero = path[index].zeroFraction
        var next = path[depth].weight
        var i = depth - 1
        while i >= 0 {
            if one != 0 {
                let saved = path[i].weight
                path[i].weight = next * Double(depth + 1) / (Double(i + 1) * one)
                next = saved - path[i].weight * zero * Double(depth - i) / Double(depth + 1)
            } else {
                path[i].weight = path[i].weight * Double(depth + 1) / (zero * Double(depth - i))
            }
            i -= 1
        }
        for j in index..<depth {
            path[j].feature = path[j + 1].feature
            path[j].zeroFraction = path[j + 1].zeroFraction
            path[j].oneFraction = path[j + 1].oneFraction
        }
    }

    private static func unwoundSum(_ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ index: Int) -> Double {
        let one = path[index].oneFraction
        let zero = path[index].zeroFraction
        var next = path[depth].weight
        var total = 0.0
        var i = depth - 1
        while i >= 0 {
            if one != 0 {
                let term = next * Double(depth + 1) / (Double(i + 1) * one)
                total += term
                next = path[i].weight - term * zero * Double(depth - i) / Double(depth + 1)
            } else if zero != 0 {
                total += path[i].weight / zero * Double(depth + 1) / Double(depth - i)
            }
            i -= 1
        }
        return total
    }
}
