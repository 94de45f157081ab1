/// Renders one attribute column's cells as CSV bytes, with string pools escaped once per distinct value.
struct CSVCellRenderer {
    private enum Kind {
        case pooled(codes: [Int32], rendered: [[UInt8]])
        case int(values: [Int64], present: [Bool])
        case float(values: [Double], present: [Bool])
        case boolean([Int8])
        case date(values: [Int64], offsets: [Int16])
        case mixed([Attribute?])
    }

    private let kind: Kind
    private let delimiter: UInt8

    init(_ column: AttributeColumn, delimiter: UInt8) {
        self.delimiter = delimiter
        switch column.storage {
        case .string(let codes, let pool), .id(let codes, let pool):
            kind = .pooled(codes: codes, rendered: pool.names.map { CSVOutputBuffer.escaped($0, delimiter: delimiter) })
        case .int(let v, let p): kind = .int(values: v, present: p)
        case .float(let v, let p): kind = .float(values: v, present: p)
        case .boolean(let v): kind = .boolean(v)
        case .date(let v, let o): kind = .date(values: v, offsets: o)
        case .mixed(let v): kind = .mixed(v)
        }
    }

    func render(row: Int, into out: inout CSVOutputBuffer) throws {
        switch kind {
        case .pooled(let codes, let rendered):
            let code = codes[row]
            if code >= 0 { out.raw(rendered[Int(code)]) }
        case .int(let values, let present):
            if present[row] { out.raw(String(values[row]).utf8) }
        case .float(let values, let present):
            if present[row] { out.raw(String(values[row]).utf8) }
        case .boolean(let values):
            let v = values[row]
            if v >= 0 { out.raw((v == 1 ? "true" : "false").utf8) }
        case .date(let values, let offsets):
            let v = values[row]
            if v != Timestamp.missing {
                let o = offsets[row]
                TimestampWriter.write(Timestamp(microseconds: v, utcOffsetMinutes: o == .min ? nil : o), into: &out)
            }
        case .mixed(let values):
            if let attribute = values[row] {
                if case .date(let t) = attribute.value {
                    TimestampWriter.write(t, into: &out)
                } else {
                    try out.field(attribute.value.displayString)
                }
            }
        }
    }
}
