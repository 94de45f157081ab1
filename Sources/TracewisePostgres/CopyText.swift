import NIOCore

/// Rows in PostgreSQL's `COPY … FROM STDIN (FORMAT text)` encoding, accumulated into chunks to stream.
///
/// postgres-nio 1.33 offers `copyFrom` in the text format only; fields are tab-separated, `\N` is NULL,
/// backslash, tab, newline and carriage return are escaped, and `bytea` is written as `\\x` + hex.
struct CopyText {
    private(set) var buffer = ByteBuffer()
    private static let hex = Array("0123456789abcdef".utf8)

    /// True once the chunk is large enough to send (about 1 MiB).
    var isFull: Bool { buffer.readableBytes >= 1 << 20 }

    mutating func append(_ text: String) {
        buffer.writeString(text)
    }

    mutating func appendInteger(_ value: Int64) {
        var value = value
        if value < 0 {
            buffer.writeInteger(UInt8(ascii: "-"))
            if value == .min {
                buffer.writeString("9223372036854775808")
                return
            }
            value = -value
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var i = 20
            repeat {
                i -= 1
                scratch[i] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            } while value > 0
            buffer.writeBytes(UnsafeBufferPointer(rebasing: scratch[i...]))
        }
    }

    /// Appends a text field, escaped, or `\N` for nil.
    mutating func appendField(_ text: String?) {
        guard let text else {
            buffer.writeString("\\N")
            return
        }
        buffer.writeString(CopyText.field(text))
    }

    /// Appends a `bytea` field in hex form.
    mutating func appendBytea(_ bytes: [UInt8]) {
        buffer.writeString("\\\\x")
        buffer.reserveCapacity(minimumWritableBytes: bytes.count * 2)
        for byte in bytes {
            buffer.writeInteger(Self.hex[Int(byte >> 4)])
            buffer.writeInteger(Self.hex[Int(byte & 0x0F)])
        }
    }

    /// The chunk so far; the accumulator starts empty again.
    mutating func take() -> ByteBuffer {
        defer { buffer = ByteBuffer() }
        return buffer
    }

    /// `text` escaped for a COPY text field.
    static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 9 || $0 == 10 || $0 == 13 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
