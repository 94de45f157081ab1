/// The typed arrays an ``AttributeColumn`` is assembled from, in one place for the two assemblers:
/// ``AttributeColumnBuilder`` fills them row by row while importing, ``AttributeColumnCodec`` segment by
/// segment while loading from a store. Keeping them as stored arrays (not an ``AttributeColumn/Storage``
/// payload) lets both append in place.
struct AttributeColumnArrays: Sendable {
    /// Which of the arrays hold the column. The raw values are the tag bytes ``AttributeColumnCodec`` stores:
    /// never renumber them.
    enum Kind: UInt8, Sendable {
        case string = 1, id, int, float, boolean, date, mixed
    }

    /// `string` and `id` codes into ``pool``; -1 when absent.
    var codes: [Int32] = []
    var pool = SymbolTable()
    /// `int` values, or `date` microseconds.
    var integers: [Int64] = []
    var floats: [Double] = []
    /// Presence of `int` and `float` values.
    var present: [Bool] = []
    var booleans: [Int8] = []
    var offsets: [Int16] = []
    var mixed: [Attribute?] = []

    /// The arrays of `kind` as column storage.
    func storage(_ kind: Kind) -> AttributeColumn.Storage {
        switch kind {
        case .string: .string(codes: codes, pool: pool)
        case .id: .id(codes: codes, pool: pool)
        case .int: .int(values: integers, present: present)
        case .float: .float(values: floats, present: present)
        case .boolean: .boolean(booleans)
        case .date: .date(values: integers, offsets: offsets)
        case .mixed: .mixed(mixed)
        }
    }
}
