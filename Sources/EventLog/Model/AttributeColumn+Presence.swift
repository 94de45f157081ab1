extension AttributeColumn {
    /// True when `row` has a value for this key; reads the storage's absent marker without building the value.
    public func hasValue(at row: Int) -> Bool {
        switch storage {
        case .string(let codes, _), .id(let codes, _): codes[row] >= 0
        case .int(_, let present), .float(_, let present): present[row]
        case .boolean(let values): values[row] >= 0
        case .date(let values, _): values[row] != Timestamp.missing
        case .mixed(let values): values[row] != nil
        }
    }
}
