/// Every feature column sorted once by value (missing values set apart), as XGBoost's exact method keeps
/// its column blocks: each tree level then scans each column once in order.
struct PresortedColumns: Sendable {
    /// Per feature, `offsets[f] ..< offsets[f + 1]` indexes its non-missing entries in value order.
    var offsets: [Int]
    var rows: [Int32]
    var values: [Double]
    /// Per feature, the rows whose value is missing.
    var missingRows: [[Int32]]

    init(_ matrix: FeatureMatrix) {
        let columns = matrix.columnCount
        let rowCount = matrix.rowCount
        offsets = [0]
        rows = []
        values = []
        missingRows = []
        rows.reserveCapacity(rowCount * columns)
        values.reserveCapacity(rowCount * columns)
        for feature in 0..<columns {
            var present: [(value: Double, row: Int32)] = []
            var missing: [Int32] = []
            for row in 0..<rowCount {
                let value = matrix.values[row * columns + feature]
                if value.isNaN { missing.append(Int32(row)) } else { present.append((value, Int32(row))) }
            }
            present.sort { $0.value < $1.value || ($0.value == $1.value && $0.row < $1.row) }
            rows.append(contentsOf: present.map(\.row))
            values.append(contentsOf: present.map(\.value))
            offsets.append(rows.count)
            missingRows.append(missing)
        }
    }
}
