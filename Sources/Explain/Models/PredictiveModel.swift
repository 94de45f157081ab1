/// A model that predicts one number from a row of numeric features. Hosts may conform their own models;
/// explanations (KernelSHAP, what-if) work with any conforming type.
public protocol PredictiveModel: Sendable {
    /// The feature names, in the column order `predict` expects.
    var featureNames: [String] { get }
    /// The prediction (for classifiers: the margin, as XGBoost's `output_margin`) for one row.
    func predict(_ row: [Double]) -> Double
    /// The predictions for every row of `matrix` (columns in ``featureNames`` order). A default
    /// implementation calls ``predict(_:)-([Double])`` per row; models with a faster batch path implement it.
    func predict(_ matrix: FeatureMatrix) -> [Double]
}
