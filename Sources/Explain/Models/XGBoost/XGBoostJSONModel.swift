/// The parts of XGBoost's `save_model` JSON document that tree-ensemble import reads.
/// Field names follow XGBoost's schema (`doc/model.schema` in the XGBoost repository).
struct XGBoostJSONModel: Decodable {
    struct Learner: Decodable {
        var featureNames: [String]?
        var gradientBooster: GradientBooster
        var learnerModelParam: LearnerModelParam
        var objective: Objective

        enum CodingKeys: String, CodingKey {
            case featureNames = "feature_names"
            case gradientBooster = "gradient_booster"
            case learnerModelParam = "learner_model_param"
            case objective
        }
    }

    /// `gbtree` stores its trees in `model`; `dart` wraps a gbtree in `gbtree` and adds `weight_drop`.
    struct GradientBooster: Decodable {
        var name: String
        var model: GBTreeModel?
        var gbtree: NestedGBTree?
        var weightDrop: [Double]?

        enum CodingKeys: String, CodingKey {
            case name, model, gbtree
            case weightDrop = "weight_drop"
        }
    }

    struct NestedGBTree: Decodable {
        var model: GBTreeModel
    }

    struct GBTreeModel: Decodable {
        var trees: [Tree]
        var treeInfo: [Int]?

        enum CodingKeys: String, CodingKey {
            case trees
            case treeInfo = "tree_info"
        }
    }

    struct Tree: Decodable {
        var splitIndices: [Int]
        var splitConditions: [Double]
        var leftChildren: [Int]
        var rightChildren: [Int]
        var defaultLeft: [Int]
        var sumHessian: [Double]
        var splitType: [Int]?
        var baseWeights: [Double]?

        enum CodingKeys: String, CodingKey {
            case splitIndices = "split_indices"
            case splitConditions = "split_conditions"
            case leftChildren = "left_children"
            case rightChildren = "right_children"
            case defaultLeft = "default_left"
            case sumHessian = "sum_hessian"
            case splitType = "split_type"
            case baseWeights = "base_weights"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            splitIndices = try container.decode([Int].self, forKey: .splitIndices)
            splitConditions = try container.decode([Double].self, forKey: .splitConditions)
            leftChildren = try container.decode([Int].self, forKey: .leftChildren)
            rightChildren = try container.decode([Int].self, forKey: .rightChildren)
            sumHessian = try container.decode([Double].self, forKey: .sumHessian)
            splitType = try container.decodeIfPresent([Int].self, forKey: .splitType)
            baseWeights = try container.decodeIfPresent([Double].self, forKey: .baseWeights)
            // Older XGBoost versions wrote booleans, newer ones write 0/1.
            if let flags = try? container.decode([Int].self, forKey: .defaultLeft) {
                defaultLeft = flags
            } else {
                defaultLeft = try container.decode([Bool].self, forKey: .defaultLeft).map { $0 ? 1 : 0 }
            }
        }
    }

    /// XGBoost writes these parameters as strings (`"[8.623844E0]"`, `"0"`).
    struct LearnerModelParam: Decodable {
        var baseScore: String?
        var numClass: String?
        var numFeature: String?
        var numTarget: String?

        enum CodingKeys: String, CodingKey {
            case baseScore = "base_score"
            case numClass = "num_class"
            case numFeature = "num_feature"
            case numTarget = "num_target"
        }
    }

    struct Objective: Decodable {
        var name: String
    }

    var learner: Learner
}
