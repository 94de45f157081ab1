extension PredictiveModel {
    /// Predicts every row of `matrix`, one row at a time.
    /// - Precondition: the matrix has as many columns as the model has features.
    public func predict(_ matrix: FeatureMatrix) -> [Double] {
        (0..<matrix.rowCount).map { predict(matrix.row($0)) }
    }
}
