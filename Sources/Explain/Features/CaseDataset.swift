/// Features and target of the cases that have a target: what a model is trained and explained on.
public struct CaseDataset: Hashable, Sendable, Codable {
    public var features: FeatureMatrix
    /// One target value per row of ``features``.
    public var target: [Double]
    /// The target's name (see ``PredictionTarget/name``).
    public var targetName: String
    /// The case index (in the source log) of each row.
    public var caseIndices: [Int]

    public init(features: FeatureMatrix, target: [Double], targetName: String, caseIndices: [Int]) {
        precondition(target.count == features.rowCount && caseIndices.count == features.rowCount)
        self.features = features
        self.target = target
        self.targetName = targetName
        self.caseIndices = caseIndices
    }
}
