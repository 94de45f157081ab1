/// Serialises a log to XES text into a ``ByteSink`` through a 64 KB buffer.
///
/// Typed columns are written from their arrays: each string column's values are escaped once per
/// distinct value, and dates are formatted straight into bytes.
struct XESByteWriter {
    private let sink: ByteSink
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 16

    init(sink: ByteSink) {
        self.sink = sink
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    mutating func writeDocument(_ log: EventLog) throws {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n")
        writeLogStart(log.header)
        for e in log.header.extensions {
            append("\t<extension name=\"")
            appendEscaped(e.name)
            append("\" prefix=\"")
            appendEscaped(e.prefix)
            append("\" uri=\"")
            appendEscaped(e.uri)
            append("\"/>\n")
        }
        writeGlobal("trace", log.header.traceGlobals)
        writeGlobal("event", log.header.eventGlobals)
        for c in log.header.classifiers {
            append("\t<classifier name=\"")
            appendEscaped(c.name)
            append("\" keys=\"")
            appendEscaped(c.keys.map { $0.contains(where: \.isWhitespace) ? "'\($0)'" : $0 }.joined(separator: " "))
            append("\"/>\n")
        }
        for a in log.header.attributes { writeAttribute(a, depth: 1) }
        try flushIfNeeded()
        let traceColumns = log.traceAttributes.columns.map(ColumnWriter.init)
        let eventColumns = log.eventAttributes.columns.map(ColumnWriter.init)
        for c in 0 ..< log.caseCount {
            append("\t<trace>\n")
            for column in traceColumns { column.write(row: c, depth: 2, into: &self) }
            for e in log.eventRange(ofCase: c) {
                append("\t\t<event>\n")
                for column in eventColumns { column.write(row: e, depth: 3, into: &self) }
                append("\t\t</event>\n")
                try flushIfNeeded()
            }
            append("\t</trace>\n")
        }
        append("</log>\n")
        try flush()
    }

    private mutating func writeLogStart(_ header: LogHeader) {
        append("<log")
        let preferred = ["xes.version", "xes.features"]
        let names = preferred.filter { header.xmlAttributes[$0] != nil }
            + header.xmlAttributes.keys.filter { !preferred.contains($0) }.sorted()
        for name in names {
            append(" ")
            appendEscaped(name)
            append("=\"")
            appendEscaped(header.xmlAttributes[name]!)
            append("\"")
        }
        append(">\n")
    }

    private mutating func writeGlobal(_ scope: String, _ attributes: [Attribute]) {
        guard !attributes.isEmpty else { return }
        append("\t<global scope=\"\(scope)\">\n")
        for a in attributes { writeAttribute(a, depth: 2) }
        append("\t</global>\n")
    }

    /// Writes one attribute with its nested children (the general, slower path).
    mutating func writeAttribute(_ a: Attribute, depth: Int) {
        indent(depth)
        append("<")
        append(a.value.typeName)
        append(" key=\"")
        appendEscaped(a.key)
        append("\"")
        switch a.value {
        case .list(let items):
            append(">\n")
            for child in a.children { writeAttribute(child, depth: depth + 1) }
            indent(depth + 1)
            if items.isEmpty {
                append("<values/>\n")
            } else {
                append("<values>\n")
                for item in items { writeAttribute(item, depth: depth + 2) }
                indent(depth + 1)
                append("</values>\n")
            }
            indent(depth)
            append("</list>\n")
            return
        case .container(let items):
            let all = items + a.children
            guard !all.isEmpty else {
                append("/>\n")
                return
            }
            append(">\n")
            for item in all { writeAttribute(item, depth: depth + 1) }
            indent(depth)
            append("</container>\n")
            return
        default:
            append(" value=\"")
            appendValue(a.value)
            append("\"")
        }
        guard !a.children.isEmpty else {
            append("/>\n")
            return
        }
        append(">\n")
        for child in a.children { writeAttribute(child, depth: depth + 1) }
        indent(depth)
        append("</")
        append(a.value.typeName)
        append(">\n")
    }

    private mutating func appendValue(_ value: AttributeValue) {
        switch value {
        case .string(let s), .id(let s): appendEscaped(s)
        case .date(let t): appendDate(t.microseconds, offset: t.utcOffsetMinutes ?? Int16.min)
        case .int(let i): append(String(i))
        case .float(let d): append(Self.formatFloat(d))
        case .boolean(let b): append(b ? "true" : "false")
        case .list, .container: break
        }
    }

    /// `xs:double` text that reads back to the same `Double`.
    static func formatFloat(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-INF" : "INF" }
        return String(d)
    }

    // MARK: Bytes

    mutating func indent(_ depth: Int) {
        for _ in 0 ..< depth { buffer.append(0x09) }
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
    }

    mutating func append(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    mutating func appendEscaped(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: Self.escaped($0)) }
    }

    /// XML attribute-value escaping; tab, newline and carriage return become character references so
    /// that attribute-value normalisation on reading keeps them.
    static func escaped(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for b in utf8 {
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "<"): out.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: ">"): out.append(contentsOf: Array("&gt;".utf8))
            case 0x22: out.append(contentsOf: Array("&quot;".utf8))
            case 0x09: out.append(contentsOf: Array("&#9;".utf8))
            case 0x0A: out.append(contentsOf: Array("&#10;".utf8))
            case 0x0D: out.append(contentsOf: Array("&#13;".utf8))
            default: out.append(b)
            }
        }
        return out
    }

    /// Appends `yyyy-MM-ddTHH:mm:ss[.ffffff](Z|±hh:mm)?` without building a `String`.
    mutating func appendDate(_ microseconds: Int64, offset: Int16) {
        let (date, secs, micros) = ISO8601Formatting.civilDateTime(microseconds, offsetMinutes: offset == Int16.min ? 0 : Int64(offset))
        let (y, mo, d) = (date.year, date.month, date.day)
        appendDigits(y, 4)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(mo, 2)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(d, 2)
        buffer.append(UInt8(ascii: "T"))
        appendDigits(secs / 3600, 2)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(secs / 60 % 60, 2)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(secs % 60, 2)
        if micros != 0 {
            buffer.append(UInt8(ascii: "."))
            if micros % 1000 == 0 { appendDigits(micros / 1000, 3) } else { appendDigits(micros, 6) }
        }
        if offset == 0 {
            buffer.append(UInt8(ascii: "Z"))
        } else if offset != Int16.min {
            let a = abs(Int(offset))
            buffer.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            appendDigits(a / 60, 2)
            buffer.append(UInt8(ascii: ":"))
            appendDigits(a % 60, 2)
        }
    }

    private mutating func appendDigits(_ value: Int, _ width: Int) {
        var v = value
        if v < 0 {
            buffer.append(UInt8(ascii: "-"))
            v = -v
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            } while v > 0 || n < width
            for i in stride(from: n - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    private mutating func flushIfNeeded() throws {
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    private mutating func flush() throws {
        try buffer.withUnsafeBytes { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
