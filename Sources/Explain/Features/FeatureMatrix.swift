/// A dense, row-major matrix of numeric features: one row per case, one named column per feature.
/// Missing numeric attribute values are `Double.nan` (tree models route them like XGBoost does).
///
/// ```swift
/// let m = FeatureMatrix(names: ["events", "amount"], rows: [[3, 100], [5, 250]], caseIDs: ["a", "b"])
/// print(m[1, m.columnIndex("amount")!])  // 250
/// ```
public struct FeatureMatrix: Hashable, Sendable, Codable {
    /// Column names, in order.
    public var names: [String]
    /// Row-major values: row `r`, column `c` is `values[r * names.count + c]`.
    public var values: [Double]
    /// The case identifier of each row.
    public var caseIDs: [String]

    public init(names: [String], values: [Double], caseIDs: [String]) {
        precondition(values.count == names.count * caseIDs.count, "values must hold rows × columns numbers")
        self.names = names
        self.values = values
        self.caseIDs = caseIDs
    }

    public init(names: [String], rows: [[Double]], caseIDs: [String]) {
        precondition(rows.allSatisfy { $0.count == names.count }, "every row needs one value per column")
        self.init(names: names, values: rows.flatMap { $0 }, caseIDs: caseIDs)
    }

    public var rowCount: Int { caseIDs.count }
    public var columnCount: Int { names.count }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * names.count + column] }
        set { values[row * names.count + column] = newValue }
    }

    /// One row as an array.
    public func row(_ r: Int) -> [Double] {
        Array(values[(r * names.count)..<((r + 1) * names.count)])
    }

    /// Every row as arrays (for model APIs that take `[[Double]]`).
    public var rows: [[Double]] { (0..<rowCount).map(row) }

    /// The index of the column called `name`.
    public func columnIndex(_ name: String) -> Int? { names.firstIndex(of: name) }

    /// One column's values.
    public func column(_ c: Int) -> [Double] { (0..<rowCount).map { self[$0, c] } }

    /// The rows at `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> FeatureMatrix {
        var out: [Double] = []
        out.reserveCapacity(indices.count * names.count)
        for r in indices { out.append(contentsOf: values[(r * names.count)..<((r + 1) * names.count)]) }
        return FeatureMatrix(names: names, values: out, caseIDs: indices.map { caseIDs[$0] })
    }
}
