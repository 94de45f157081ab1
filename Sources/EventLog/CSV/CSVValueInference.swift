/// Infers one type for a CSV attribute column from its distinct values and converts it to typed storage.
///
/// The most specific type every non-empty value parses as wins: int (canonical integers only, so `007`
/// stays text and round-trips), float (ints and decimals), boolean (`true`/`false`, any case), date
/// (ISO 8601 forms), else string. Empty cells are absent values.
enum CSVValueInference {
    enum InferredType: Equatable { case int, float, boolean, date, string }

    static func inferType(_ values: [String]) -> InferredType {
        var candidates: Set<InferredType> = [.int, .float, .boolean, .date]
        for value in values where !value.isEmpty {
            if candidates.contains(.int), int(value) == nil { candidates.remove(.int) }
            if candidates.contains(.float), float(value) == nil { candidates.remove(.float) }
            if candidates.contains(.boolean), boolean(value) == nil { candidates.remove(.boolean) }
            if candidates.contains(.date), date(value) == nil { candidates.remove(.date) }
            if candidates.isEmpty { return .string }
        }
        if values.allSatisfy(\.isEmpty) { return .string }
        for type in [InferredType.int, .float, .boolean, .date] where candidates.contains(type) { return type }
        return .string
    }

    /// A column of `codes` (indices into `values`, -1 for empty) stored as `type`.
    static func column(key: String, codes: [Int32], values: [String], type: InferredType) -> AttributeColumn {
        switch type {
        case .int:
            let parsed = values.map { int($0) ?? 0 }
            return AttributeColumn(key: key, storage: .int(values: codes.map { $0 < 0 ? 0 : parsed[Int($0)] },
                                                           present: codes.map { $0 >= 0 && !values[Int($0)].isEmpty }))
        case .float:
            let parsed = values.map { float($0) ?? 0 }
            return AttributeColumn(key: key, storage: .float(values: codes.map { $0 < 0 ? 0 : parsed[Int($0)] },
                                                             present: codes.map { $0 >= 0 && !values[Int($0)].isEmpty }))
        case .boolean:
            let parsed: [Int8] = values.map { boolean($0).map { $0 ? 1 : 0 } ?? -1 }
            return AttributeColumn(key: key, storage: .boolean(codes.map { $0 < 0 ? -1 : parsed[Int($0)] }))
        case .date:
            let parsed = values.map { date($0) }
            return AttributeColumn(key: key, storage: .date(
                values: codes.map { $0 < 0 ? Timestamp.missing : parsed[Int($0)]?.microseconds ?? Timestamp.missing },
                offsets: codes.map { $0 < 0 ? Int16.min : parsed[Int($0)]?.utcOffsetMinutes ?? Int16.min }))
        case .string:
            var pool = SymbolTable()
            let remap = values.map { $0.isEmpty ? Int32(-1) : pool.intern($0) }
            return AttributeColumn(key: key, storage: .string(codes: codes.map { $0 < 0 ? -1 : remap[Int($0)] }, pool: pool))
        }
    }

    static func int(_ s: String) -> Int64? {
        let utf8 = Array(s.utf8)
        let digits = utf8.first == UInt8(ascii: "-") ? utf8.dropFirst() : utf8[...]
        guard let first = digits.first, first != UInt8(ascii: "0") || digits.count == 1 else { return nil }
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int64(s)
    }

    static func float(_ s: String) -> Double? {
        guard s.utf8.contains(where: { $0 >= 48 && $0 <= 57 }),
              s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 })
        else { return nil }
        return Double(s)
    }

    static func boolean(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    static func date(_ s: String) -> Timestamp? {
        var copy = s
        return copy.withUTF8 { TimestampParser.iso(UnsafeRawBufferPointer($0)) }
    }
}
