import Foundation

/// How an XGBoost objective relates `base_score` (stored on the output scale) to margins and outputs.
struct XGBoostObjectiveLink {
    enum BaseScoreMapping { case identity, logit, log }

    var baseScoreMapping: BaseScoreMapping
    var outputTransform: TreeEnsemble.OutputTransform

    init(objective: String) throws {
        switch objective {
        case "reg:squarederror", "reg:linear", "reg:squaredlogerror", "reg:pseudohubererror",
             "reg:absoluteerror", "reg:quantileerror", "rank:pairwise", "rank:ndcg", "rank:map":
            baseScoreMapping = .identity
            outputTransform = .identity
        case "binary:logistic", "reg:logistic":
            baseScoreMapping = .logit
            outputTransform = .sigmoid
        case "binary:logitraw":
            baseScoreMapping = .logit
            outputTransform = .identity
        case "count:poisson", "reg:gamma", "reg:tweedie":
            baseScoreMapping = .log
            outputTransform = .exponential
        default:
            throw ExplainError(.unsupportedModel, "objective '\(objective)' is not supported")
        }
    }

    /// The base margin XGBoost starts from, computed in float32 as XGBoost does.
    func margin(forBaseScore score: Double) throws -> Double {
        let value = Float(score)
        switch baseScoreMapping {
        case .identity:
            return Double(value)
        case .logit:
            guard value > 0, value < 1 else {
                throw ExplainError(.invalidModel, "base_score \(score) must lie in (0, 1) for a logistic objective")
            }
            return Double(-logf(1 / value - 1))
        case .log:
            guard value > 0 else {
                throw ExplainError(.invalidModel, "base_score \(score) must be positive for a log-link objective")
            }
            return Double(logf(value))
        }
    }
}
