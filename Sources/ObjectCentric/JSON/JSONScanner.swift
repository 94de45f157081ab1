/// A pull tokenizer over UTF-8 JSON bytes held in memory, for the OCEL readers.
///
/// It hands out strings as byte ranges of the input (decoding escapes into a scratch buffer only when a
/// string has them), so ids and names can be interned without creating a `String` each. Every error is a
/// positioned ``ObjectCentricError`` with line and column, computed only when an error is raised.
struct JSONScanner {
    /// One JSON scalar, with text as bytes valid until the next call.
    enum Scalar {
        case string(UnsafeRawBufferPointer)
        case number(UnsafeRawBufferPointer)
        case bool(Bool)
        case null
    }

    let bytes: UnsafeRawBufferPointer
    let fileName: String?
    private(set) var position = 0
    private var scratch: [UInt8] = []
    /// Nesting depth guard against stack exhaustion from hostile input.
    private var depth = 0
    static let maximumDepth = 512

    init(bytes: UnsafeRawBufferPointer, fileName: String?) {
        self.bytes = bytes
        self.fileName = fileName
    }

    // MARK: Errors

    /// The location of byte `offset`: 1-based line and column (in characters).
    func location(at offset: Int, path: String? = nil) -> ObjectCentricError.Location {
        var line = 1, lineStart = 0
        let end = min(offset, bytes.count)
        for i in 0 ..< end where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        for i in lineStart ..< end where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return ObjectCentricError.Location(file: fileName, line: line, column: column, path: path)
    }

    func error(_ message: String, at offset: Int? = nil) -> ObjectCentricError {
        let at = offset ?? position
        if at >= bytes.count {
            return ObjectCentricError(.malformedJSON, message + " (the input ends early)", location: location(at: at))
        }
        return ObjectCentricError(.malformedJSON, message, location: location(at: at))
    }

    // MARK: Structure

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            position += 1
        }
    }

    /// The next non-space byte without consuming it; nil at the end of input.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { throw error("expected \(what)") }
        position += 1
    }

    /// Consumes `{`; then call ``nextKey()`` until it returns nil.
    mutating func beginObject() throws {
        try expect(UInt8(ascii: "{"), "'{'")
        try enter()
        first = true
    }

    /// Consumes `[`; then call ``nextElement()`` until it returns false.
    mutating func beginArray() throws {
        try expect(UInt8(ascii: "["), "'['")
        try enter()
        first = true
    }

    private var first = true

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    /// The next member name of the current object (consuming the `:`), or nil after its closing `}`.
    /// The bytes are valid until the next call on the scanner.
    mutating func nextKey() throws -> UnsafeRawBufferPointer? {
        skipWhitespace()
        guard position < bytes.count else { throw error("unterminated object") }
        if bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            first = false
            return nil
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw error("expected ',' or '}'") }
            position += 1
            skipWhitespace()
        }
        first = true
        let key = try readString()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Whether another element follows in the current array (consuming the `,`); false after its `]`.
    mutating func nextElement() throws -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw error("unterminated array") }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            first = false
            return false
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw error("expected ',' or ']'") }
            position += 1
        }
        first = true
        return true
    }

    /// Marks that a value was read inside the current container, so the next member needs a comma.
    @inline(__always)
    mutating func valueRead() { first = false }

    // MARK: Values

    /// Reads a string; the result points into the input or the scratch buffer.
    mutating func readString() throws -> UnsafeRawBufferPointer {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string") }
        let start = position + 1
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                position = i + 1
                first = false
                return UnsafeRawBufferPointer(rebasing: bytes[start ..< i])
            }
            if b == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if b < 0x20 { throw error("control character in a string", at: i) }
            i += 1
        }
        throw error("unterminated string", at: start - 1)
    }

    private mutating func readEscapedString(from start: Int) throws -> UnsafeRawBufferPointer {
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                position = i + 1
                first = false
                return scratch.withUnsafeBytes { $0 }
            }
            if b < 0x20 { throw error("control character in a string", at: i) }
            if b != UInt8(ascii: "\\") {
                scratch.append(b)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i)
                i += 4
                if (0xD800 ..< 0xDC00).contains(scalar), i + 6 <= bytes.count,
                   bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    let low = try hex4(at: i + 2)
                    if (0xDC00 ..< 0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                scratch.append(contentsOf: String(value).utf8)
            default: throw error("invalid escape in a string", at: i - 2)
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    private func hex4(at i: Int) throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("truncated \\u escape", at: i) }
        var v: UInt32 = 0
        for k in 0 ..< 4 {
            let c = bytes[i + k]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape", at: i + k)
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// Reads a string, number, boolean or null; an object or array is an error naming `what`.
    mutating func readScalar(_ what: String) throws -> Scalar {
        guard let b = peek() else { throw error("expected \(what)") }
        switch b {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return .number(try readNumber())
        default: throw error("expected \(what)")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard position + n <= bytes.count,
              memcmp(bytes.baseAddress! + position, word.utf8Start, n) == 0 else { throw error("invalid literal") }
        position += n
        first = false
    }

    private mutating func readNumber() throws -> UnsafeRawBufferPointer {
        let start = position
        var i = position
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while i < bytes.count, bytes[i] &- 48 < 10 { i += 1 }
        guard i > digitsStart else { throw error("invalid number", at: start) }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let f = i
            while i < bytes.count, bytes[i] &- 48 < 10 { i += 1 }
            guard i > f else { throw error("invalid number", at: start) }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let x = i
            while i < bytes.count, bytes[i] &- 48 < 10 { i += 1 }
            guard i > x else { throw error("invalid number", at: start) }
        }
        position = i
        first = false
        return UnsafeRawBufferPointer(rebasing: bytes[start ..< i])
    }

    /// Skips one value of any kind, checking its syntax.
    mutating func skipValue() throws {
        guard let b = peek() else { throw error("expected a value") }
        switch b {
        case UInt8(ascii: "{"):
            try beginObject()
            while try nextKey() != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            while try nextElement() { try skipValue() }
        default: _ = try readScalar("a value")
        }
        first = false
    }

    /// Checks that only whitespace follows the top-level value.
    mutating func expectEnd() throws {
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected content after the top-level value") }
    }

    /// The read position and container state, for re-reading a token elsewhere and coming back.
    var mark: (position: Int, first: Bool) { (position, first) }

    /// Returns to a ``mark``.
    mutating func restore(_ mark: (position: Int, first: Bool)) {
        position = mark.position
        first = mark.first
    }

    /// Moves to `offset` (a position previously read from ``position``).
    mutating func seek(to offset: Int) {
        position = offset
        first = true
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
