/// Accumulates one attribute key's values row by row and produces a typed ``AttributeColumn``.
///
/// Rows may be skipped (they become absent). The builder starts in the storage of the first value's
/// type and switches to mixed storage, without losing anything, when a later value has another type
/// or nested attributes.
public struct AttributeColumnBuilder: Sendable {
    public let key: String
    private var storage: AttributeColumn.Storage?
    private var pool = SymbolTable()
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
        guard storage != nil else {
            rowCount = rows
            return
        }
        let missing = rows - rowCount
        switch storage! {
        case .string(var c, let p):
            storage = nil
            c.append(contentsOf: repeatElement(-1, count: missing))
            storage = .string(codes: c, pool: p)
        case .id(var c, let p):
            storage = nil
            c.append(contentsOf: repeatElement(-1, count: missing))
            storage = .id(codes: c, pool: p)
        case .int(var v, var p):
            storage = nil
            v.append(contentsOf: repeatElement(0, count: missing))
            p.append(contentsOf: repeatElement(false, count: missing))
            storage = .int(values: v, present: p)
        case .float(var v, var p):
            storage = nil
            v.append(contentsOf: repeatElement(0, count: missing))
            p.append(contentsOf: repeatElement(false, count: missing))
            storage = .float(values: v, present: p)
        case .boolean(var v):
            storage = nil
            v.append(contentsOf: repeatElement(-1, count: missing))
            storage = .boolean(v)
        case .date(var v, var o):
            storage = nil
            v.append(contentsOf: repeatElement(Timestamp.missing, count: missing))
            o.append(contentsOf: repeatElement(Int16.min, count: missing))
            storage = .date(values: v, offsets: o)
        case .mixed(var v):
            storage = nil
            v.append(contentsOf: repeatElement(nil, count: missing))
            storage = .mixed(v)
        }
        rowCount = rows
    }

    /// The finished column with exactly `rows` rows.
    public func build(rows: Int) -> AttributeColumn {
        var copy = self
        if copy.storage == nil {
            copy.storage = .mixed(Array(repeating: nil, count: rows))
            copy.rowCount = rows
        }
        copy.pad(to: rows)
        return AttributeColumn(key: key, storage: copy.storage!)
    }

    private mutating func append(_ attribute: Attribute) {
        if storage == nil { startStorage(for: attribute) }
        if !appendTyped(attribute) {
            convertToMixed()
            guard case .mixed(var v) = storage! else { return }
            storage = nil
            v.append(attribute)
            storage = .mixed(v)
        }
        rowCount += 1
    }

    private mutating func startStorage(for attribute: Attribute) {
        let absentRows = rowCount
        guard attribute.children.isEmpty else {
            storage = .mixed(Array(repeating: nil, count: absentRows))
            return
        }
        switch attribute.value {
        case .string: storage = .string(codes: Array(repeating: -1, count: absentRows), pool: pool)
        case .id: storage = .id(codes: Array(repeating: -1, count: absentRows), pool: pool)
        case .int: storage = .int(values: Array(repeating: 0, count: absentRows), present: Array(repeating: false, count: absentRows))
        case .float: storage = .float(values: Array(repeating: 0, count: absentRows), present: Array(repeating: false, count: absentRows))
        case .boolean: storage = .boolean(Array(repeating: -1, count: absentRows))
        case .date:
            storage = .date(values: Array(repeating: Timestamp.missing, count: absentRows),
                            offsets: Array(repeating: Int16.min, count: absentRows))
        case .list, .container: storage = .mixed(Array(repeating: nil, count: absentRows))
        }
    }

    /// Appends into typed storage; returns false when the value does not fit it.
    private mutating func appendTyped(_ attribute: Attribute) -> Bool {
        guard attribute.children.isEmpty else { return false }
        switch (storage!, attribute.value) {
        case (.string(var c, var p), .string(let s)):
            storage = nil
            c.append(p.intern(s))
            storage = .string(codes: c, pool: p)
        case (.id(var c, var p), .id(let s)):
            storage = nil
            c.append(p.intern(s))
            storage = .id(codes: c, pool: p)
        case (.int(var v, var p), .int(let i)):
            storage = nil
            v.append(i)
            p.append(true)
            storage = .int(values: v, present: p)
        case (.float(var v, var p), .float(let d)):
            storage = nil
            v.append(d)
            p.append(true)
            storage = .float(values: v, present: p)
        case (.boolean(var v), .boolean(let b)):
            storage = nil
            v.append(b ? 1 : 0)
            storage = .boolean(v)
        case (.date(var v, var o), .date(let t)):
            storage = nil
            v.append(t.microseconds)
            o.append(t.utcOffsetMinutes ?? Int16.min)
            storage = .date(values: v, offsets: o)
        default:
            return false
        }
        return true
    }

    private mutating func convertToMixed() {
        if case .mixed = storage! { return }
        let column = AttributeColumn(key: key, storage: storage!)
        storage = .mixed((0..<rowCount).map { column.attribute(at: $0) })
    }
}
