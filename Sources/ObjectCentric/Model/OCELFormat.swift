/// The file formats of object-centric logs.
public enum OCELFormat: String, Sendable, CaseIterable {
    /// OCEL 2.0 JSON (`.jsonocel`, `.json`); reading also accepts OCEL 1.0 JSON.
    case json
    /// OCEL 2.0 XML (`.xmlocel`, `.xml`); reading also accepts OCEL 1.0 XML.
    case xml
    /// OCEL 2.0 SQLite (`.sqlite`, `.sqlite3`, `.db`), the spec's relational layout.
    case sqlite

    /// The format implied by a file name's extension, or nil.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".jsonocel") || lower.hasSuffix(".json") {
            self = .json
        } else if lower.hasSuffix(".xmlocel") || lower.hasSuffix(".xml") {
            self = .xml
        } else if lower.hasSuffix(".sqlite") || lower.hasSuffix(".sqlite3") || lower.hasSuffix(".db") {
            self = .sqlite
        } else {
            return nil
        }
    }

    /// The format the first bytes of a file show: SQLite's header, `<` for XML, `{` for JSON.
    static func sniff(_ bytes: UnsafeRawBufferPointer) -> OCELFormat? {
        if bytes.count >= 16, bytes.starts(with: "SQLite format 3\0".utf8) { return .sqlite }
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "<"): return .xml
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        default: return nil
        }
    }
}
