import NIOCore

/// Rows in PostgreSQL's `COPY … FROM STDIN (FORMAT text)` encoding, accumulated into chunks to stream.
///
/// postgres-nio 1.33 offers `copyFrom` in the text format only; fields are tab-separated, `\N` is NULL, and
/// backslash, tab, newline and carriage return are escaped.
struct CopyText {
    private(set) var buffer = ByteBuffer()

    init() {
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    private static let chunkSize = 1 << 20

    /// True once the chunk is large enough to send (about 1 MiB).
    var isFull: Bool { buffer.readableBytes >= Self.chunkSize }

    mutating func append(_ text: String) {
        buffer.writeString(text)
    }

    mutating func appendBytes(_ bytes: [UInt8]) {
        buffer.writeBytes(bytes)
    }

    mutating func appendTab() {
        buffer.writeInteger(UInt8(ascii: "\t"))
    }

    mutating func appendNewline() {
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    mutating func appendNull() {
        buffer.writeInteger(UInt16(UInt8(ascii: "\\")) << 8 | UInt16(UInt8(ascii: "N")))
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
            appendNull()
            return
        }
        buffer.writeString(CopyText.field(text))
    }

    /// The chunk so far; the accumulator starts empty again.
    mutating func take() -> ByteBuffer {
        defer {
            buffer = ByteBuffer()
            buffer.reserveCapacity(Self.chunkSize + 4096)
        }
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
