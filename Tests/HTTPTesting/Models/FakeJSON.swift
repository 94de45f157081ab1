/// Minimal JSON writing for the fakes (strings escaped per RFC 8259).
enum FakeJSON {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `text` in pieces of about `size` characters (never splitting a character).
    static func pieces(_ text: String, size: Int = 5) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if current.count >= size {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty || result.isEmpty { result.append(current) }
        return result
    }

    /// A deterministic unit vector for `text` (FNV-1a of character trigrams into `dimensions` buckets).
    static func vector(for text: String, dimensions: Int) -> [Float] {
        var v = [Float](repeating: 0, count: max(1, dimensions))
        let bytes = Array(text.lowercased().utf8)
        for start in 0..<max(1, bytes.count - 2) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes[start..<min(bytes.count, start + 3)] {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            v[Int(hash % UInt64(v.count))] += (hash >> 63) == 0 ? 1 : -1
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }
}
