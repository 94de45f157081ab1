/// Builds URLs with percent-encoded query items (RFC 3986 unreserved characters pass as they are).
enum URLQuery {
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                result += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return result
    }

    /// `base` + `path` + `?k=v&…` (items with nil values are left out).
    static func url(_ base: String, _ path: String, _ items: [(String, String?)]) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        let query = items.compactMap { key, value in value.map { "\(encode(key))=\(encode($0))" } }.joined(separator: "&")
        return trimmed + path + (query.isEmpty ? "" : "?" + query)
    }
}
