/// The attribute columns of one level of a log (events or traces), all with the same row count.
public struct AttributeTable: Sendable, Hashable {
    public let rowCount: Int
    /// Columns in first-seen key order.
    public let columns: [AttributeColumn]
    private let indexByKey: [String: Int]

    public init(rowCount: Int, columns: [AttributeColumn]) {
        precondition(columns.allSatisfy { $0.count == rowCount }, "every column must have rowCount rows")
        self.rowCount = rowCount
        self.columns = columns
        var index: [String: Int] = [:]
        for (i, c) in columns.enumerated() { index[c.key] = i }
        self.indexByKey = index
    }

    /// The column for `key`, or nil when no row has it.
    public func column(_ key: String) -> AttributeColumn? {
        indexByKey[key].map { columns[$0] }
    }

    /// The keys of all columns.
    public var keys: [String] { columns.map(\.key) }

    /// Every attribute present at `row`, in column order.
    public func attributes(atRow row: Int) -> [Attribute] {
        columns.compactMap { $0.attribute(at: row) }
    }

    /// A table of the rows at `rows`, in that order.
    public func gathering(_ rows: [Int]) -> AttributeTable {
        AttributeTable(rowCount: rows.count, columns: columns.map { $0.gathering(rows) })
    }

    public static func == (lhs: AttributeTable, rhs: AttributeTable) -> Bool {
        lhs.rowCount == rhs.rowCount && lhs.columns == rhs.columns
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rowCount)
        hasher.combine(columns)
    }
}
