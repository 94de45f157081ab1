/// How a data table's columns map onto a model's features: by name when the model has names, by position
/// when it only has XGBoost's default names (`f0`, `f1`, …) because it was trained without them.
///
/// ```swift
/// let binding = try FeatureBinding(model: model.featureNames, data: table.matrix.names)
/// let shap = try TreeSHAP(model).explain(binding.modelMatrix(from: table.matrix))
/// ```
public struct FeatureBinding: Sendable, Hashable {
    /// For each model feature, the data column that holds it.
    public let dataColumnOfFeature: [Int]
    /// For each data column, the model feature it holds.
    public let featureOfDataColumn: [Int]

    /// Binds data columns to model features.
    /// - Throws: ``ExplainError`` `.unknownFeature` when a data column is not a model feature or a model
    ///   feature has no column (the location names it), `.featureCountMismatch` when binding by position
    ///   and the counts differ.
    public init(model modelNames: [String], data dataNames: [String]) throws {
        let positional = modelNames.enumerated().allSatisfy { $0.element == "f\($0.offset)" } && modelNames != dataNames
        if positional {
            guard modelNames.count == dataNames.count else {
                throw ExplainError(.featureCountMismatch,
                                 "data has \(dataNames.count) feature columns, the model (without feature names) has \(modelNames.count)")
            }
            dataColumnOfFeature = Array(modelNames.indices)
            featureOfDataColumn = Array(modelNames.indices)
            return
        }
        var featureIndex: [String: Int] = [:]
        for (index, name) in modelNames.enumerated() where featureIndex[name] == nil { featureIndex[name] = index }
        var columnOf = [Int](repeating: -1, count: modelNames.count)
        var featureOf: [Int] = []
        for (column, name) in dataNames.enumerated() {
            guard let feature = featureIndex[name] else {
                throw ExplainError(.unknownFeature, "column '\(name)' is not a feature of the model",
                                 location: .init(line: 1, column: column + 2, field: name))
            }
            guard columnOf[feature] < 0 else {
                throw ExplainError(.unknownFeature, "feature '\(name)' appears in more than one column",
                                 location: .init(line: 1, column: column + 2, field: name))
            }
            columnOf[feature] = column
            featureOf.append(feature)
        }
        if let feature = columnOf.firstIndex(of: -1) {
            throw ExplainError(.unknownFeature, "the model's feature '\(modelNames[feature])' has no column",
                             location: .init(line: 1, field: modelNames[feature]))
        }
        dataColumnOfFeature = columnOf
        featureOfDataColumn = featureOf
    }

    /// The data's columns rearranged into the model's feature order (named as the model's features when
    /// binding by name, as the data's columns when binding by position).
    public func modelMatrix(from data: FeatureMatrix) -> FeatureMatrix {
        let identity = dataColumnOfFeature.enumerated().allSatisfy { $0.offset == $0.element }
        guard !identity else { return data }
        let rows = data.rowCount
        let width = dataColumnOfFeature.count
        var values = [Double](repeating: 0, count: rows * width)
        for row in 0..<rows {
            for (feature, column) in dataColumnOfFeature.enumerated() {
                values[row * width + feature] = data.values[row * data.columnCount + column]
            }
        }
        var names = [String](repeating: "", count: width)
        for (feature, column) in dataColumnOfFeature.enumerated() { names[feature] = data.names[column] }
        return FeatureMatrix(names: names, values: values, caseIDs: data.caseIDs)
    }

    /// Per-feature values (in model order) rearranged into the data's column order.
    public func dataOrder(_ modelOrdered: [Double]) -> [Double] {
        featureOfDataColumn.map { modelOrdered[$0] }
    }
}
