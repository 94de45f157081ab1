/// Splits a byte stream into lines, whatever the chunk boundaries: a line ends at LF, CR or CRLF, even
/// when the CR and the LF arrive in different chunks. Lines are returned as bytes, so a multi-byte UTF-8
/// character split across chunks is decoded only once whole.
public struct LineSplitter: Sendable {
    private var pending: [UInt8] = []
    private var lastWasCR = false
    /// The longest line accepted; a longer one throws (a guard against a server that never ends a line).
    public let maxLineLength: Int

    public init(maxLineLength: Int = 16 << 20) {
        self.maxLineLength = maxLineLength
    }

    /// The lines completed by `bytes`, without their terminators.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(StreamDecodingError) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in bytes {
            if lastWasCR {
                lastWasCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A:
                lines.append(pending)
                pending.removeAll(keepingCapacity: true)
            case 0x0D:
                lines.append(pending)
                pending.removeAll(keepingCapacity: true)
                lastWasCR = true
            default:
                guard pending.count < maxLineLength else {
                    throw StreamDecodingError("a line is longer than \(maxLineLength) bytes")
                }
                pending.append(byte)
            }
        }
        return lines
    }

    /// The unterminated last line, if any, once the stream has ended.
    public mutating func finish() -> [UInt8]? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : pending
    }
}

/// A stream that cannot be decoded (a line too long, a record that is not UTF-8).
public struct StreamDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "stream decoding: \(message)" }
}
