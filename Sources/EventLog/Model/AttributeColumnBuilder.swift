/// Accumulates one attribute key's values row by row and produces a typed ``AttributeColumn``.
///
/// Rows may be skipped (they become absent). The builder starts in the storage of the first value's
/// type and switches to mixed storage, without losing anything, when a later value has another type
/// or nested attributes.
public struct AttributeColumnBuilder: Sendable {
    public let key: String
    /// The storage in use, nil until the first value. Its arrays are the stored properties below rather than
    /// an ``AttributeColumn/Storage`` payload: a payload bound by a `switch` is shared with the enum, so
    /// appending to it copied the whole column on every row (quadratic for large logs).
    private var kind: Kind?
    private var codes: [Int32] = []
    private var pool = SymbolTable()
    /// `int` values, or `date` microseconds.
    private var integers: [Int64] = []
    private var floats: [Double] = []
    private var present: [Bool] = []
    private var booleans: [Int8] = []
    private var offsets: [Int16] = []
    private var mixed: [Attribute?] = []
    private var rowCount = 0

    private enum Kind {
        case string, id, int, float, boolean, date, mixed
    }

    public init(key: String) {
        self.key = key
    }

    /// Sets the value of `row`. Rows must be set in increasing order; rows in between become absent.
    /// - Returns: false, changing nothing, when `row` already has a value or lies before the last set row
    ///   (a duplicate key within one event or trace).
    @discardableResult
    public mutating func set(_ attribute: Attribute, atRow row: Int) -> Bool {
        guard row >= rowCount else { return false }
        pad(to: row)
        append(attribute)
        return true
    }

    /// Pads the column with absent values up to `rows` rows.
    public mutating func pad(to rows: Int) {
        guard rows > rowCount else { return }
        let missing = rows - rowCount
        switch kind {
        case nil: break
        case .string?, .id?: codes.append(contentsOf: repeatElement(-1, count: missing))
        case .int?:
            integers.append(contentsOf: repeatElement(0, count: missing))
            present.append(contentsOf: repeatElement(false, count: missing))
        case .float?:
            floats.append(contentsOf: repeatElement(0, count: missing))
            present.append(contentsOf: repeatElement(false, count: missing))
        case .boolean?: booleans.append(contentsOf: repeatElement(-1, count: missing))
        case .date?:
            integers.append(contentsOf: repeatElement(Timestamp.missing, count: missing))
            offsets.append(contentsOf: repeatElement(Int16.min, count: missing))
        case .mixed?: mixed.append(contentsOf: repeatElement(nil, count: missing))
        }
        rowCount = rows
    }

    /// The finished column with exactly `rows` rows.
    public func build(rows: Int) -> AttributeColumn {
        var copy = self
        if copy.kind == nil {
            copy.kind = .mixed
            copy.mixed = Array(repeating: nil, count: copy.rowCount)
        }
        copy.pad(to: rows)
        return AttributeColumn(key: key, storage: copy.storage)
    }

    /// The accumulated rows as column storage (requires a kind).
    private var storage: AttributeColumn.Storage {
        switch kind! {
        case .string: .string(codes: codes, pool: pool)
        case .id: .id(codes: codes, pool: pool)
        case .int: .int(values: integers, present: present)
        case .float: .float(values: floats, present: present)
        case .boolean: .boolean(booleans)
        case .date: .date(values: integers, offsets: offsets)
        case .mixed: .mixed(mixed)
        }
    }

    private mutating func append(_ attribute: Attribute) {
        if kind == nil { startStorage(for: attribute) }
        if !appendTyped(attribute) {
            convertToMixed()
            mixed.append(attribute)
        }
        rowCount += 1
    }

    /// Chooses the storage for the first value, with the rows before it absent.
    private mutating func startStorage(for attribute: Attribute) {
        let absentRows = rowCount
        guard attribute.children.isEmpty else {
            kind = .mixed
            mixed = Array(repeating: nil, count: absentRows)
            return
        }
        switch attribute.value {
        case .string, .id:
            if case .id = attribute.value { kind = .id } else { kind = .string }
            codes = Array(repeating: -1, count: absentRows)
        case .int:
            kind = .int
            integers = Array(repeating: 0, count: absentRows)
            present = Array(repeating: false, count: absentRows)
        case .float:
            kind = .float
            floats = Array(repeating: 0, count: absentRows)
            present = Array(repeating: false, count: absentRows)
        case .boolean:
            kind = .boolean
            booleans = Array(repeating: -1, count: absentRows)
        case .date:
            kind = .date
            integers = Array(repeating: Timestamp.missing, count: absentRows)
            offsets = Array(repeating: Int16.min, count: absentRows)
        case .list, .container:
            kind = .mixed
            mixed = Array(repeating: nil, count: absentRows)
        }
    }

    /// Appends into typed storage; returns false when the value does not fit it.
    private mutating func appendTyped(_ attribute: Attribute) -> Bool {
        guard attribute.children.isEmpty, let kind else { return false }
        switch (kind, attribute.value) {
        case (.string, .string(let s)), (.id, .id(let s)): codes.append(pool.intern(s))
        case (.int, .int(let i)):
            integers.append(i)
            present.append(true)
        case (.float, .float(let d)):
            floats.append(d)
            present.append(true)
        case (.boolean, .boolean(let b)): booleans.append(b ? 1 : 0)
        case (.date, .date(let t)):
            integers.append(t.microseconds)
            offsets.append(t.utcOffsetMinutes ?? Int16.min)
        default:
            return false
        }
        return true
    }

    /// Moves the rows so far into mixed storage (a later value did not fit the typed storage).
    private mutating func convertToMixed() {
        guard kind != .mixed else { return }
        let column = AttributeColumn(key: key, storage: storage)
        mixed = (0 ..< rowCount).map { column.attribute(at: $0) }
        kind = .mixed
        (codes, integers, floats, present, booleans, offsets) = ([], [], [], [], [], [])
        pool = SymbolTable()
    }
}
