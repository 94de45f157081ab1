/// The columns of one level (events or traces) during import, found by interned key id.
struct LevelColumns {
    /// Key id → index into ``columns``, or -1.
    private var columnOfKey: [Int32] = []
    private var columns: [ColumnAccumulator] = []

    /// The column of `keyID`, created (named from `keys`) on first use.
    @inline(__always)
    private mutating func column(_ keyID: Int32, _ keys: ByteInterner) -> Int {
        let k = Int(keyID)
        if k < columnOfKey.count {
            let c = columnOfKey[k]
            if c >= 0 { return Int(c) }
        } else {
            columnOfKey.append(contentsOf: repeatElement(-1, count: k + 1 - columnOfKey.count))
        }
        columnOfKey[k] = Int32(columns.count)
        columns.append(ColumnAccumulator(key: keys.string(keyID)))
        return columns.count - 1
    }

    @inline(__always)
    mutating func appendString(_ bytes: UnsafeRawBufferPointer, keyID: Int32, keys: ByteInterner, row: Int, isID: Bool) -> Bool {
        let c = column(keyID, keys)
        return columns[c].appendString(bytes, row: row, isID: isID)
    }

    @inline(__always)
    mutating func appendDate(_ value: Timestamp, keyID: Int32, keys: ByteInterner, row: Int) -> Bool {
        let c = column(keyID, keys)
        return columns[c].appendDate(value, row: row)
    }

    @inline(__always)
    mutating func appendInt(_ value: Int64, keyID: Int32, keys: ByteInterner, row: Int) -> Bool {
        let c = column(keyID, keys)
        return columns[c].appendInt(value, row: row)
    }

    @inline(__always)
    mutating func appendFloat(_ value: Double, keyID: Int32, keys: ByteInterner, row: Int) -> Bool {
        let c = column(keyID, keys)
        return columns[c].appendFloat(value, row: row)
    }

    @inline(__always)
    mutating func appendBoolean(_ value: Bool, keyID: Int32, keys: ByteInterner, row: Int) -> Bool {
        let c = column(keyID, keys)
        return columns[c].appendBoolean(value, row: row)
    }

    /// Sets any attribute (nested, list, container, or a value the fast path refused).
    mutating func set(_ attribute: Attribute, keyID: Int32, keys: ByteInterner, row: Int) {
        let c = column(keyID, keys)
        columns[c].set(attribute, row: row)
    }

    /// The finished table with exactly `rows` rows, columns in first-seen key order.
    func build(rows: Int) -> AttributeTable {
        AttributeTable(rowCount: rows, columns: columns.map { $0.build(rows: rows) })
    }
}
