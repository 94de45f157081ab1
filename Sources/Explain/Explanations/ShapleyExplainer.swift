/// Anything that attributes a model's predictions to features with SHAP values: exact TreeSHAP for
/// tree ensembles, KernelSHAP for any ``PredictiveModel``, or a host's own explainer.
public protocol ShapleyExplainer: Sendable {
    /// SHAP values of every row of `matrix` (columns in the model's feature order).
    func explain(_ matrix: FeatureMatrix) throws -> ShapValues
}

extension TreeSHAP: ShapleyExplainer {}
