/// One attribute key's values for every row of a level (every event, or every trace), stored by type.
///
/// A column whose rows all hold the same scalar type uses a dense typed array (strings are interned);
/// a column with mixed types, nested meta-attributes, lists or containers falls back to `.mixed`,
/// which keeps every value exactly. Absent values are encoded per storage (see ``Storage``).
public struct AttributeColumn: Sendable, Hashable {
    /// Typed storage. Absent markers: code `-1` for strings and ids, `present[i] == false` for
    /// ints and floats, `-1` for booleans, `Timestamp.missing` for dates, `nil` for mixed.
    public enum Storage: Sendable, Hashable {
        case string(codes: [Int32], pool: SymbolTable)
        case id(codes: [Int32], pool: SymbolTable)
        case int(values: [Int64], present: [Bool])
        case float(values: [Double], present: [Bool])
        case boolean([Int8])
        /// Dates in UTC microseconds, with the source offset in minutes (`Int16.min` when none).
        case date(values: [Int64], offsets: [Int16])
        case mixed([Attribute?])
    }

    public let key: String
    public let storage: Storage

    public init(key: String, storage: Storage) {
        self.key = key
        self.storage = storage
    }

    /// The number of rows.
    public var count: Int {
        switch storage {
        case .string(let c, _), .id(let c, _): c.count
        case .int(let v, _): v.count
        case .float(let v, _): v.count
        case .boolean(let v): v.count
        case .date(let v, _): v.count
        case .mixed(let v): v.count
        }
    }

    /// The value at `row`, or nil when the row has no value for this key.
    public subscript(row: Int) -> AttributeValue? {
        switch storage {
        case .string(let codes, let pool):
            let c = codes[row]
            return c < 0 ? nil : .string(pool.name(of: c))
        case .id(let codes, let pool):
            let c = codes[row]
            return c < 0 ? nil : .id(pool.name(of: c))
        case .int(let values, let present):
            return present[row] ? .int(values[row]) : nil
        case .float(let values, let present):
            return present[row] ? .float(values[row]) : nil
        case .boolean(let values):
            let v = values[row]
            return v < 0 ? nil : .boolean(v == 1)
        case .date(let values, let offsets):
            let v = values[row]
            if v == Timestamp.missing { return nil }
            let o = offsets[row]
            return .date(Timestamp(microseconds: v, utcOffsetMinutes: o == .min ? nil : o))
        case .mixed(let values):
            return values[row]?.value
        }
    }

    /// The full attribute at `row`, including nested meta-attributes.
    public func attribute(at row: Int) -> Attribute? {
        if case .mixed(let values) = storage { return values[row] }
        return self[row].map { Attribute(key: key, value: $0) }
    }

    /// A new column holding the rows at `rows`, in that order.
    /// - Complexity: O(rows.count).
    public func gathering(_ rows: [Int]) -> AttributeColumn {
        func pick<T>(_ a: [T]) -> [T] { rows.map { a[$0] } }
        switch storage {
        case .string(let c, let p): return AttributeColumn(key: key, storage: .string(codes: pick(c), pool: p))
        case .id(let c, let p): return AttributeColumn(key: key, storage: .id(codes: pick(c), pool: p))
        case .int(let v, let p): return AttributeColumn(key: key, storage: .int(values: pick(v), present: pick(p)))
        case .float(let v, let p): return AttributeColumn(key: key, storage: .float(values: pick(v), present: pick(p)))
        case .boolean(let v): return AttributeColumn(key: key, storage: .boolean(pick(v)))
        case .date(let v, let o): return AttributeColumn(key: key, storage: .date(values: pick(v), offsets: pick(o)))
        case .mixed(let v): return AttributeColumn(key: key, storage: .mixed(pick(v)))
        }
    }

    /// The XES type name shared by every present value, or `nil` when the column mixes types.
    public var uniformTypeName: String? {
        switch storage {
        case .string: return "string"
        case .id: return "id"
        case .int: return "int"
        case .float: return "float"
        case .boolean: return "boolean"
        case .date: return "date"
        case .mixed(let values):
            var name: String?
            for v in values {
                guard let v else { continue }
                if name == nil { name = v.value.typeName } else if name != v.value.typeName { return nil }
            }
            return name
        }
    }
}
