/// A dense table of numeric features: `rowCount × columnCount` values stored row-major, with named columns.
///
/// Missing values are `Double.nan`; tree models send them down each split's default direction.
///
/// ```swift
/// let matrix = try FeatureMatrix(featureNames: ["age", "amount"], values: [30, 1200, 45, .nan])
/// let margins = model.predict(matrix)
/// ```
public struct FeatureMatrix: Sendable, Hashable, Codable {
    /// The column names, in storage order.
    public var featureNames: [String]
    /// The values, row after row.
    public var values: [Double]

    /// The number of columns.
    public var columnCount: Int { featureNames.count }
    /// The number of rows.
    public var rowCount: Int { columnCount == 0 ? 0 : values.count / columnCount }

    /// Creates a matrix from row-major values.
    /// - Throws: ``ModelError/Code-swift.struct/featureCountMismatch`` when `values.count` is not a multiple
    ///   of the number of names, or there are no names.
    public init(featureNames: [String], values: [Double]) throws {
        guard !featureNames.isEmpty, values.count % featureNames.count == 0 else {
            throw ModelError(.featureCountMismatch,
                             "\(values.count) values do not fill rows of \(featureNames.count) features")
        }
        self.featureNames = featureNames
        self.values = values
    }

    /// Creates a matrix from rows of equal length.
    /// - Throws: ``ModelError/Code-swift.struct/featureCountMismatch`` when a row's length differs from the names.
    public init(featureNames: [String], rows: [[Double]]) throws {
        var values: [Double] = []
        values.reserveCapacity(rows.count * featureNames.count)
        for (index, row) in rows.enumerated() {
            guard row.count == featureNames.count else {
                throw ModelError(.featureCountMismatch,
                                 "row \(index) has \(row.count) values, expected \(featureNames.count)")
            }
            values.append(contentsOf: row)
        }
        try self.init(featureNames: featureNames, values: values)
    }

    /// The values of one row.
    public func row(_ index: Int) -> [Double] {
        Array(values[index * columnCount ..< (index + 1) * columnCount])
    }

    /// The value at `row`, `column`.
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columnCount + column] }
        set { values[row * columnCount + column] = newValue }
    }

    /// The values of one column, top to bottom.
    public func column(_ index: Int) -> [Double] {
        (0..<rowCount).map { values[$0 * columnCount + index] }
    }

    /// The rows at `indices`, in that order.
    public func selectingRows<S: Sequence>(_ indices: S) -> FeatureMatrix where S.Element == Int {
        var selected: [Double] = []
        for index in indices { selected.append(contentsOf: values[index * columnCount ..< (index + 1) * columnCount]) }
        var copy = self
        copy.values = selected
        return copy
    }
}
