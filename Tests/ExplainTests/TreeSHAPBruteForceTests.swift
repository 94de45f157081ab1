import Explain

/// Shapley values by enumerating every coalition: the reference the fast explainers are tested against.
enum BruteForceShapley {
    /// Exact Shapley values of `value` over `count` players.
    static func shapley(playerCount count: Int, value: ([Bool]) -> Double) -> [Double] {
        var phi = [Double](repeating: 0, count: count)
        var factorial = [1.0]
        for n in 1...max(count, 1) { factorial.append(factorial[n - 1] * Double(n)) }
        for mask in 0..<(1 << count) {
            let members = (0..<count).map { mask & (1 << $0) != 0 }
            let size = members.filter { $0 }.count
            let base = value(members)
            for player in 0..<count where !members[player] {
                var with = members
                with[player] = true
                let weight = factorial[size] * factorial[count - size - 1] / factorial[count]
                phi[player] += weight * (value(with) - base)
            }
        }
        return phi
    }

    /// The path-dependent conditional expectation: known features follow the row, unknown ones split
    /// by training cover.
    static func pathDependentValue(_ model: TreeEnsemble, _ row: [Double], known: [Bool]) -> Double {
        func visit(_ node: Int) -> Double {
            let feature = Int(model.splitFeatures[node])
            if feature < 0 { return model.leafValues[node] }
            let left = Int(model.leftChildren[node])
            let right = Int(model.rightChildren[node])
            if known.indices.contains(feature) && known[feature] {
                let value = row[feature]
                let goesLeft = value.isNaN ? model.defaultLeft[node] : value < model.thresholds[node]
                return visit(goesLeft ? left : right)
            }
            let cover = model.covers[node]
            return (model.covers[left] * visit(left) + model.covers[right] * visit(right)) / cover
        }
        return (0..<model.treeCount).reduce(model.baseMargin) { $0 + visit(Int(model.treeStarts[$1])) }
    }

    static func pathDependent(_ model: TreeEnsemble, _ row: [Double]) -> [Double] {
        shapley(playerCount: row.count) { pathDependentValue(model, row, known: $0) }
    }

    /// Interventional values against one background row: unknown features take the background's value.
    static func interventional(_ model: PredictiveModel, _ row: [Double], background: [[Double]]) -> [Double] {
        shapley(playerCount: row.count) { known in
            background.reduce(0) { sum, reference in
                let mixed = (0..<row.count).map { known[$0] ? row[$0] : reference[$0] }
                return sum + model.predict(mixed)
            } / Double(background.count)
        }
    }
}

extension FeatureMatrix {
    /// A matrix whose case ids are the row numbers.
    static func numbered(_ names: [String], values: [Double]) -> FeatureMatrix {
        FeatureMatrix(names: names, values: values, caseIDs: (0..<(values.count / names.count)).map(String.init))
    }

    static func numbered(_ names: [String], rows: [[Double]]) -> FeatureMatrix {
        numbered(names, values: rows.flatMap { $0 })
    }
}
