/// Accumulates CSV output bytes and hands them to a sink in large chunks.
struct CSVOutputBuffer {
    private var bytes: [UInt8] = []
    private let separator: UInt8
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private static let chunkSize = 1 << 20

    init(delimiter: UInt8, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.separator = delimiter
        self.sink = sink
        bytes.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends already-escaped bytes.
    @inline(__always)
    mutating func raw<C: Collection>(_ data: C) where C.Element == UInt8 {
        bytes.append(contentsOf: data)
    }

    /// Appends one byte.
    @inline(__always)
    mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    /// Appends `text` as a field, quoted when it needs to be.
    mutating func field(_ text: String) throws {
        bytes.append(contentsOf: CSVOutputBuffer.escaped(text, delimiter: separator))
    }

    mutating func delimiter() throws {
        bytes.append(separator)
    }

    mutating func newline() throws {
        bytes.append(UInt8(ascii: "\n"))
        if bytes.count >= Self.chunkSize { try flush() }
    }

    mutating func flush() throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { try sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// `text`'s UTF-8 bytes, wrapped in quotes (inner quotes doubled) when it holds the delimiter, a quote,
    /// a line break, or leading/trailing spaces.
    static func escaped(_ text: String, delimiter: UInt8) -> [UInt8] {
        let utf8 = Array(text.utf8)
        let quote = UInt8(ascii: "\"")
        let needsQuotes = utf8.contains { $0 == delimiter || $0 == quote || $0 == 10 || $0 == 13 }
            || utf8.first == 0x20 || utf8.last == 0x20
        guard needsQuotes else { return utf8 }
        var result: [UInt8] = [quote]
        for b in utf8 {
            result.append(b)
            if b == quote { result.append(quote) }
        }
        result.append(quote)
        return result
    }
}
