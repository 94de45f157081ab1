/// Writes one attribute column's value of a row as an XES attribute element.
///
/// The opening bytes (`<string key="…" value="`) are prepared once per column and string values are
/// escaped once per distinct value, so writing a typed row is a few array appends.
struct ColumnWriter {
    private let column: AttributeColumn
    private let opening: [UInt8]
    private let escapedPool: [[UInt8]]

    init(_ column: AttributeColumn) {
        self.column = column
        let typeName: String
        var pool: [String] = []
        switch column.storage {
        case .string(_, let p): typeName = "string"; pool = p.names
        case .id(_, let p): typeName = "id"; pool = p.names
        case .int: typeName = "int"
        case .float: typeName = "float"
        case .boolean: typeName = "boolean"
        case .date: typeName = "date"
        case .mixed: typeName = ""
        }
        var key = column.key
        let escapedKey = key.withUTF8 { XESByteWriter.escaped($0) }
        opening = Array("<\(typeName) key=\"".utf8) + escapedKey + Array("\" value=\"".utf8)
        escapedPool = pool.map { name in
            var name = name
            return name.withUTF8 { XESByteWriter.escaped($0) }
        }
    }

    func write(row: Int, depth: Int, into writer: inout XESByteWriter) {
        switch column.storage {
        case .string(let codes, _), .id(let codes, _):
            let code = codes[row]
            guard code >= 0 else { return }
            open(depth, &writer)
            writer.append(bytes: escapedPool[Int(code)])
        case .int(let values, let present):
            guard present[row] else { return }
            open(depth, &writer)
            writer.append(String(values[row]))
        case .float(let values, let present):
            guard present[row] else { return }
            open(depth, &writer)
            writer.append(XESByteWriter.formatFloat(values[row]))
        case .boolean(let values):
            guard values[row] >= 0 else { return }
            open(depth, &writer)
            writer.append(values[row] == 1 ? "true" : "false")
        case .date(let values, let offsets):
            guard values[row] != Timestamp.missing else { return }
            open(depth, &writer)
            writer.appendDate(values[row], offset: offsets[row])
        case .mixed(let values):
            if let attribute = values[row] { writer.writeAttribute(attribute, depth: depth) }
            return
        }
        writer.append("\"/>\n")
    }

    private func open(_ depth: Int, _ writer: inout XESByteWriter) {
        writer.indent(depth)
        writer.append(bytes: opening)
    }
}
