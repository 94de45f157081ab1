/// Accumulates one attribute key's values row by row and produces a typed ``AttributeColumn``.
///
/// Rows may be skipped (they become absent). The builder starts in the storage of the first value's
/// type and switches to mixed storage, without losing anything, when a later value has another type
/// or nested attributes.
public struct AttributeColumnBuilder: Sendable {
    public let key: String
    /// The storage in use, nil until the first value. Its arrays are stored properties rather than an
    /// ``AttributeColumn/Storage`` payload: a payload bound by a `switch` is shared with the enum, so
    /// appending to it copied the whole column on every row (quadratic for large logs).
    private var kind: AttributeColumnArrays.Kind?
    private var arrays = AttributeColumnArrays()
    private var rowCount = 0

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
        case .string?, .id?: arrays.codes.append(contentsOf: repeatElement(-1, count: missing))
        case .int?:
            arrays.integers.append(contentsOf: repeatElement(0, count: missing))
            arrays.present.append(contentsOf: repeatElement(false, count: missing))
        case .float?:
            arrays.floats.append(contentsOf: repeatElement(0, count: missing))
            arrays.present.append(contentsOf: repeatElement(false, count: missing))
        case .boolean?: arrays.booleans.append(contentsOf: repeatElement(-1, count: missing))
        case .date?:
            arrays.integers.append(contentsOf: repeatElement(Timestamp.missing, count: missing))
            arrays.offsets.append(contentsOf: repeatElement(Int16.min, count: missing))
        case .mixed?: arrays.mixed.append(contentsOf: repeatElement(nil, count: missing))
        }
        rowCount = rows
    }

    /// The finished column with exactly `rows` rows.
    public func build(rows: Int) -> AttributeColumn {
        var copy = self
        if copy.kind == nil {
            copy.kind = .mixed
            copy.arrays.mixed = Array(repeating: nil, count: copy.rowCount)
        }
        copy.pad(to: rows)
        return AttributeColumn(key: key, storage: copy.storage)
    }

    /// The accumulated rows as column storage (requires a kind).
    private var storage: AttributeColumn.Storage { arrays.storage(kind!) }

    private mutating func append(_ attribute: Attribute) {
        if kind == nil { startStorage(for: attribute) }
        if !appendTyped(attribute) {
            convertToMixed()
            arrays.mixed.append(attribute)
        }
        rowCount += 1
    }

    /// Chooses the storage for the first value, with the rows before it absent.
    private mutating func startStorage(for attribute: Attribute) {
        let absentRows = rowCount
        guard attribute.children.isEmpty else {
            kind = .mixed
            arrays.mixed = Array(repeating: nil, count: absentRows)
            return
        }
        switch attribute.value {
        case .string, .id:
            if case .id = attribute.value { kind = .id } else { kind = .string }
            arrays.codes = Array(repeating: -1, count: absentRows)
        case .int:
            kind = .int
            arrays.integers = Array(repeating: 0, count: absentRows)
            arrays.present = Array(repeating: false, count: absentRows)
        case .float:
            kind = .float
            arrays.floats = Array(repeating: 0, count: absentRows)
            arrays.present = Array(repeating: false, count: absentRows)
        case .boolean:
            kind = .boolean
            arrays.booleans = Array(repeating: -1, count: absentRows)
        case .date:
            kind = .date
            arrays.integers = Array(repeating: Timestamp.missing, count: absentRows)
            arrays.offsets = Array(repeating: Int16.min, count: absentRows)
        case .list, .container:
            kind = .mixed
            arrays.mixed = Array(repeating: nil, count: absentRows)
        }
    }

    /// Appends into typed storage; returns false when the value does not fit it.
    private mutating func appendTyped(_ attribute: Attribute) -> Bool {
        guard attribute.children.isEmpty, let kind else { return false }
        switch (kind, attribute.value) {
        case (.string, .string(let s)), (.id, .id(let s)): arrays.codes.append(arrays.pool.intern(s))
        case (.int, .int(let i)):
            arrays.integers.append(i)
            arrays.present.append(true)
        case (.float, .float(let d)):
            arrays.floats.append(d)
            arrays.present.append(true)
        case (.boolean, .boolean(let b)): arrays.booleans.append(b ? 1 : 0)
        case (.date, .date(let t)):
            arrays.integers.append(t.microseconds)
            arrays.offsets.append(t.utcOffsetMinutes ?? Int16.min)
        default:
            return false
        }
        return true
    }

    /// Moves the rows so far into mixed storage (a later value did not fit the typed storage).
    private mutating func convertToMixed() {
        guard kind != .mixed else { return }
        let column = AttributeColumn(key: key, storage: storage)
        arrays = AttributeColumnArrays(mixed: (0 ..< rowCount).map { column.attribute(at: $0) })
        kind = .mixed
    }
}
