import Packs

/// Writes compact JSON (no whitespace, object keys in the order the caller gives, `PackValue` objects with
/// sorted keys) straight into a byte buffer. Strings are escaped as `JSONEncoder` escapes them: quote,
/// backslash and control characters; slashes and non-ASCII text are written as they are.
///
/// Separators are implied: a member or element that does not directly follow `{` or `[` gets a comma.
///
/// ```swift
/// var writer = CompactJSONWriter()
/// writer.object { $0.member("a") { $0.integer(1) } }
/// writer.bytes   // {"a":1}
/// ```
struct CompactJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Set when an infinite or NaN number was written (`JSONEncoder` refuses them; callers that must match it
    /// fall back to it).
    private(set) var wroteNonFiniteNumber = false

    mutating func reserve(_ capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends bytes as they are (JSON the caller made, or text around it).
    mutating func raw(_ text: [UInt8]) {
        bytes += text
    }

    /// The bytes written, moved out of the writer (which is left empty), so the caller can change them without a copy.
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    mutating func object(_ members: (inout CompactJSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        members(&self)
        bytes.append(UInt8(ascii: "}"))
    }

    /// One `"key":value` member of the object being written.
    mutating func member(_ key: String, _ value: (inout CompactJSONWriter) -> Void) {
        separate()
        string(key)
        bytes.append(UInt8(ascii: ":"))
        value(&self)
    }

    mutating func array<Elements: Sequence>(_ elements: Elements, _ element: (inout CompactJSONWriter, Elements.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for item in elements {
            separate()
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func value(_ value: PackValue) {
        switch value {
        case .null: bytes += [0x6E, 0x75, 0x6C, 0x6C]
        case .bool(let flag): bytes += flag ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65]
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let items): array(items) { $0.value($1) }
        case .object(let members):
            object { writer in
                for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                    writer.member(key) { $0.value(member) }
                }
            }
        }
    }

    /// A `PackValue` number as it encodes itself: integers up to 2^53 as `Int`, other numbers as ``double(_:)``.
    mutating func number(_ number: Double) {
        if number.rounded() == number, abs(number) <= 9_007_199_254_740_992 {
            integer(Int(number))
        } else {
            double(number)
        }
    }

    /// A `Double` as `JSONEncoder` writes it: Swift's shortest round-trip form without a trailing `.0`
    /// (`1`, `-0`, `0.95`, `1e+16`, `1.5e-07`).
    mutating func double(_ number: Double) {
        if !number.isFinite { wroteNonFiniteNumber = true }
        let text = number.description.utf8
        if text.count > 2, text.suffix(2).elementsEqual([UInt8(ascii: "."), UInt8(ascii: "0")]) {
            bytes += text.dropLast(2)
        } else {
            bytes += text
        }
    }

    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes += buffer[(20 - count)...]
        }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count where Self.needsEscape(utf8[i]) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                escaped(utf8[i])
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func escaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
        case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
        case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
        case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
        case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
        case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
        case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
        case ..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        default: bytes.append(byte)
        }
    }

    private mutating func separate() {
        guard let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") else { return }
        bytes.append(UInt8(ascii: ","))
    }
}
