/// Collects one attribute key's values during import, straight from parser bytes, into typed arrays.
///
/// The typed `append…` methods are the fast path: they intern strings from bytes and never build an
/// ``Attribute``. They return false when the value does not fit the column's current type or the row
/// already has a value; the caller then uses ``set(_:row:)``, which handles every case (duplicate keys
/// overwrite, type changes switch the column to `.mixed` storage without losing values).
struct ColumnAccumulator {
    enum Kind: UInt8 { case empty, string, id, int, float, boolean, date, mixed }

    let key: String
    private(set) var kind: Kind = .empty
    /// Rows stored so far (every array of the current kind has this many elements).
    private(set) var rowCount = 0
    private var codes: [Int32] = []
    private var interner = ByteInterner()
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var present: [Bool] = []
    private var bools: [Int8] = []
    private var dates: [Int64] = []
    private var offsets: [Int16] = []
    private var mixed: [Attribute?] = []

    init(key: String) {
        self.key = key
    }

    /// Appends an interned string (or id) value for `row`.
    @inline(__always)
    mutating func appendString(_ bytes: UnsafeRawBufferPointer, row: Int, isID: Bool) -> Bool {
        guard row >= rowCount, begin(isID ? .id : .string) else { return false }
        if row > rowCount { codes.append(contentsOf: repeatElement(-1, count: row - rowCount)) }
        codes.append(interner.intern(bytes))
        rowCount = row + 1
        return true
    }

    @inline(__always)
    mutating func appendInt(_ value: Int64, row: Int) -> Bool {
        guard row >= rowCount, begin(.int) else { return false }
        padPresence(to: row)
        if row > rowCount { ints.append(contentsOf: repeatElement(0, count: row - rowCount)) }
        ints.append(value)
        present.append(true)
        rowCount = row + 1
        return true
    }

    @inline(__always)
    mutating func appendFloat(_ value: Double, row: Int) -> Bool {
        guard row >= rowCount, begin(.float) else { return false }
        padPresence(to: row)
        if row > rowCount { floats.append(contentsOf: repeatElement(0, count: row - rowCount)) }
        floats.append(value)
        present.append(true)
        rowCount = row + 1
        return true
    }

    @inline(__always)
    mutating func appendBoolean(_ value: Bool, row: Int) -> Bool {
        guard row >= rowCount, begin(.boolean) else { return false }
        if row > rowCount { bools.append(contentsOf: repeatElement(-1, count: row - rowCount)) }
        bools.append(value ? 1 : 0)
        rowCount = row + 1
        return true
    }

    @inline(__always)
    mutating func appendDate(_ value: Timestamp, row: Int) -> Bool {
        guard row >= rowCount, begin(.date) else { return false }
        if row > rowCount {
            dates.append(contentsOf: repeatElement(Timestamp.missing, count: row - rowCount))
            offsets.append(contentsOf: repeatElement(Int16.min, count: row - rowCount))
        }
        dates.append(value.microseconds)
        offsets.append(value.utcOffsetMinutes ?? Int16.min)
        rowCount = row + 1
        return true
    }

    /// Sets `row` to `attribute`, whatever the column's type; a row that already has a value
    /// (a duplicate key in one event or trace) is overwritten, as OpenXES and PM4Py do.
    mutating func set(_ attribute: Attribute, row: Int) {
        precondition(row >= rowCount - 1, "rows are set in increasing order")
        if row == rowCount - 1 {
            if attribute.children.isEmpty && overwriteTyped(attribute, row: row) { return }
            convertToMixed()
            mixed[row] = attribute
            return
        }
        if attribute.children.isEmpty && appendTyped(attribute, row: row) { return }
        convertToMixed()
        if row > rowCount { mixed.append(contentsOf: repeatElement(nil, count: row - rowCount)) }
        mixed.append(attribute)
        rowCount = row + 1
    }

    /// The finished column with exactly `rows` rows.
    func build(rows: Int) -> AttributeColumn {
        let missing = rows - rowCount
        let storage: AttributeColumn.Storage
        switch kind {
        case .empty, .mixed:
            storage = .mixed(mixed + repeatElement(nil, count: kind == .empty ? rows : missing))
        case .string:
            storage = .string(codes: codes + repeatElement(-1, count: missing), pool: SymbolTable(interner.strings()))
        case .id:
            storage = .id(codes: codes + repeatElement(-1, count: missing), pool: SymbolTable(interner.strings()))
        case .int:
            storage = .int(values: ints + repeatElement(0, count: missing), present: present + repeatElement(false, count: missing))
        case .float:
            storage = .float(values: floats + repeatElement(0, count: missing), present: present + repeatElement(false, count: missing))
        case .boolean:
            storage = .boolean(bools + repeatElement(-1, count: missing))
        case .date:
            storage = .date(values: dates + repeatElement(Timestamp.missing, count: missing),
                            offsets: offsets + repeatElement(Int16.min, count: missing))
        }
        return AttributeColumn(key: key, storage: storage)
    }

    /// Makes `wanted` the column's kind when it is still empty; false when it already holds another kind.
    @inline(__always)
    private mutating func begin(_ wanted: Kind) -> Bool {
        if kind == wanted { return true }
        guard kind == .empty else { return false }
        kind = wanted
        return true
    }

    @inline(__always)
    private mutating func padPresence(to row: Int) {
        if row > rowCount { present.append(contentsOf: repeatElement(false, count: row - rowCount)) }
    }

    private mutating func appendTyped(_ attribute: Attribute, row: Int) -> Bool {
        switch attribute.value {
        case .string(let s):
            var s = s
            return s.withUTF8 { appendString(UnsafeRawBufferPointer($0), row: row, isID: false) }
        case .id(let s):
            var s = s
            return s.withUTF8 { appendString(UnsafeRawBufferPointer($0), row: row, isID: true) }
        case .int(let v): return appendInt(v, row: row)
        case .float(let v): return appendFloat(v, row: row)
        case .boolean(let v): return appendBoolean(v, row: row)
        case .date(let v): return appendDate(v, row: row)
        case .list, .container: return false
        }
    }

    /// Replaces the value of an already stored row when the value fits the column's typed storage.
    private mutating func overwriteTyped(_ attribute: Attribute, row: Int) -> Bool {
        switch (kind, attribute.value) {
        case (.string, .string(let s)), (.id, .id(let s)):
            var s = s
            codes[row] = s.withUTF8 { interner.intern(UnsafeRawBufferPointer($0)) }
        case (.int, .int(let v)): ints[row] = v; present[row] = true
        case (.float, .float(let v)): floats[row] = v; present[row] = true
        case (.boolean, .boolean(let v)): bools[row] = v ? 1 : 0
        case (.date, .date(let v)): dates[row] = v.microseconds; offsets[row] = v.utcOffsetMinutes ?? Int16.min
        default: return false
        }
        return true
    }

    private mutating func convertToMixed() {
        switch kind {
        case .mixed:
            return
        case .empty:
            mixed = []
        default:
            let typed = build(rows: rowCount)
            mixed = (0 ..< rowCount).map { typed.attribute(at: $0) }
        }
        kind = .mixed
        codes = []
        interner = ByteInterner()
        ints = []
        floats = []
        present = []
        bools = []
        dates = []
        offsets = []
    }
}
