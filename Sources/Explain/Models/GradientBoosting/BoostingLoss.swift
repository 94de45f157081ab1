import Foundation

/// Gradients, hessians and the starting margin of a boosting objective.
struct BoostingLoss {
    var objective: GradientBoostingParameters.Objective

    /// The base margin: the mean target (squared error) or the log-odds of the positive rate (logistic).
    func baseMargin(targets: [Double], weights: [Double]?, baseScore: Double?) -> Double {
        let mean = baseScore ?? weightedMean(targets, weights)
        switch objective {
        case .squaredError:
            return mean
        case .logistic:
            let rate = min(max(mean, 1e-6), 1 - 1e-6)
            return log(rate / (1 - rate))
        }
    }

    /// Writes each row's first and second derivative of the loss at `margins`.
    func gradients(targets: [Double], weights: [Double]?, margins: [Double],
                   into pairs: inout [GradientPair]) {
        for row in targets.indices {
            let weight = weights?[row] ?? 1
            switch objective {
            case .squaredError:
                pairs[row] = GradientPair(gradient: weight * (margins[row] - targets[row]), hessian: weight)
            case .logistic:
                let probability = 1 / (1 + exp(-margins[row]))
                let hessian = max(probability * (1 - probability), 1e-16)
                pairs[row] = GradientPair(gradient: weight * (probability - targets[row]), hessian: weight * hessian)
            }
        }
    }

    private func weightedMean(_ values: [Double], _ weights: [Double]?) -> Double {
        guard !values.isEmpty else { return 0 }
        guard let weights else { return values.reduce(0, +) / Double(values.count) }
        let total = weights.reduce(0, +)
        return total > 0 ? zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total : 0
    }
}

/// A row's loss gradient and hessian, or their sums over a node.
struct GradientPair: Sendable {
    var gradient: Double
    var hessian: Double

    static let zero = GradientPair(gradient: 0, hessian: 0)

    static func + (lhs: GradientPair, rhs: GradientPair) -> GradientPair {
        GradientPair(gradient: lhs.gradient + rhs.gradient, hessian: lhs.hessian + rhs.hessian)
    }

    static func - (lhs: GradientPair, rhs: GradientPair) -> GradientPair {
        GradientPair(gradient: lhs.gradient - rhs.gradient, hessian: lhs.hessian - rhs.hessian)
    }

    static func += (lhs: inout GradientPair, rhs: GradientPair) {
        lhs.gradient += rhs.gradient
        lhs.hessian += rhs.hessian
    }
}
