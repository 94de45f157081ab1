/// A strict RFC 8259 JSON reader, written by hand so that every error carries a line and column, duplicate
/// member names are refused (Foundation's readers silently keep one of them, losing data), depth and size are
/// bounded, and no `Decodable` machinery runs per value. It builds any ``JSONTree``.
///
/// ```swift
/// var parser = JSONTreeParser<PackValue>(bytes: Array(text.utf8), limits: .init(maximumDepth: 128, maximumNodes: 250_000))
/// let value = try parser.parse()
/// ```
package struct JSONTreeParser<Value: JSONTree> {
    /// How deep and how large a document may be.
    package struct Limits: Sendable {
        /// The deepest nesting of arrays and objects accepted.
        package var maximumDepth: Int
        /// The largest number of values accepted.
        package var maximumNodes: Int

        package init(maximumDepth: Int, maximumNodes: Int) {
            self.maximumDepth = maximumDepth
            self.maximumNodes = maximumNodes
        }
    }

    private let bytes: [UInt8]
    private let limits: Limits
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var nodeCount = 0

    package init(bytes: [UInt8], limits: Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses the whole input as one JSON value.
    /// - Throws: ``JSONSyntaxError`` at the first malformed token.
    package mutating func parse() throws(JSONSyntaxError) -> Value {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected content after the JSON value") }
        return value
    }

    /// The column of byte `offset` on the current line, in characters. Computed only for an error: counting
    /// from the line's start for every token would make a long single-line document quadratic.
    private func column(at offset: Int) -> Int {
        var column = 1
        var index = lineStart
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    private func error(_ message: String) -> JSONSyntaxError {
        error(message, at: position)
    }

    /// An error at byte `offset`, which lies on the current line.
    private func error(_ message: String, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(message, line: line, column: column(at: offset))
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                line += 1
                lineStart = position
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> Value {
        nodeCount += 1
        guard nodeCount <= limits.maximumNodes else { throw error("more than \(limits.maximumNodes) values") }
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .json(try parseString())
        case UInt8(ascii: "t"): try expectKeyword("true"); return .json(true)
        case UInt8(ascii: "f"): try expectKeyword("false"); return .json(false)
        case UInt8(ascii: "n"): try expectKeyword("null"); return .jsonNull
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .json(try parseNumber())
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[position])))', expected a value")
        }
    }

    private mutating func expectKeyword(_ keyword: String) throws(JSONSyntaxError) {
        let expected = Array(keyword.utf8)
        guard position + expected.count <= bytes.count, Array(bytes[position..<position + expected.count]) == expected
        else { throw error("invalid literal, expected '\(keyword)'") }
        position += expected.count
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> Value {
        guard depth <= limits.maximumDepth else { throw error("nesting deeper than \(limits.maximumDepth) levels") }
        position += 1
        var members: [String: Value] = [:]
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .json(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes")
            }
            let keyStart = position
            let key = try parseString()
            guard members[key] == nil else { throw error("duplicate member name '\(key)'", at: keyStart) }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            skipWhitespace()
            members[key] = try parseValue(depth: depth)
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input, expected ',' or '}'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
            position += 1
            return .json(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> Value {
        guard depth <= limits.maximumDepth else { throw error("nesting deeper than \(limits.maximumDepth) levels") }
        position += 1
        var elements: [Value] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .json(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input, expected ',' or ']'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
            position += 1
            return .json(elements)
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: bytes[start..<position - 1], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            position += 1
        }
        position = start
        return try parseEscapedString()
    }

    /// A string with escapes (or an error), from its first byte after the quote.
    private mutating func parseEscapedString() throws(JSONSyntaxError) -> String {
        var scalars = String.UnicodeScalarView()
        var chunkStart = position
        func flush(_ parser: JSONTreeParser, upTo end: Int) {
            scalars.append(contentsOf: String(decoding: parser.bytes[chunkStart..<end], as: UTF8.self).unicodeScalars)
        }
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                flush(self, upTo: position)
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(self, upTo: position)
                position += 1
                scalars.append(try parseEscape())
                chunkStart = position
            case 0x00..<0x20:
                throw error("control character in string; escape it")
            default:
                position += 1
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        guard position < bytes.count else { throw error("unterminated escape sequence") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHexQuad()
            if (0xD800..<0xDC00).contains(high) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error("unpaired UTF-16 surrogate in \\u escape") }
                position += 2
                let low = try parseHexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw error("invalid UTF-16 surrogate pair") }
                let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                return Unicode.Scalar(combined)!
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("unpaired UTF-16 surrogate in \\u escape") }
            return scalar
        default:
            throw error("invalid escape sequence")
        }
    }

    private mutating func parseHexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hexadecimal digit in \\u escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw error("leading zeros are not allowed") }
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("expected digits after '.'") }
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("expected exponent digits") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("number \(text.prefix(40)) is out of range", at: start)
        }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
}
