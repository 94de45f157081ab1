/// A streaming RFC 4180 record reader: quoted fields, doubled quotes, delimiters and line breaks inside
/// quotes, CRLF / LF / CR line ends, a leading UTF-8 BOM, blank lines skipped.
///
/// Bytes come from a ``ByteSource`` chunk by chunk, so a multi-gigabyte file (or its gzip stream) is never
/// held in memory. Each record's unescaped field bytes are kept in one reusable buffer.
final class CSVRecordReader {
    private let source: ByteSource
    private let fileName: String?
    private var buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var filled = 0
    private var exhausted = false
    /// The field delimiter byte.
    var delimiter: UInt8 = UInt8(ascii: ",")
    /// Tolerate stray characters after a closing quote (kept as text) instead of failing.
    var lenient = false

    /// The unescaped bytes of the current record's fields, back to back.
    private(set) var fieldBytes: [UInt8] = []
    /// The end offset in ``fieldBytes`` of each field of the current record.
    private(set) var fieldEnds: [Int] = []
    /// The 1-based physical line on which the current record starts.
    private(set) var recordLine = 0
    /// The 1-based number of the current record (the header is record 1).
    private(set) var recordNumber = 0
    private var line = 1

    init(source: ByteSource, fileName: String?, chunkSize: Int = 1 << 18) {
        self.source = source
        self.fileName = fileName
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
        fieldBytes.reserveCapacity(1024)
    }

    deinit { buffer.deallocate() }

    /// Reads ahead until `count` bytes are buffered or the input ends, and returns the buffered bytes.
    /// Used once, before the first record, for BOM handling and delimiter detection.
    func sample(upTo count: Int) throws -> [UInt8] {
        while filled < min(count, buffer.count), !exhausted {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if n == 0 { exhausted = true } else { filled += n }
        }
        if position == 0, filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        return Array(buffer[position ..< filled])
    }

    /// The number of fields in the current record.
    var fieldCount: Int { fieldEnds.count }

    /// Calls `body` with the bytes of field `index` of the current record.
    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return try fieldBytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[start ..< fieldEnds[index]]))
        }
    }

    /// Field `index` of the current record as a string (invalid UTF-8 is repaired).
    func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Advances to the next non-blank record; returns false at the end of the input.
    /// - Throws: ``EventLogError`` `.malformedCSV` for a quote left open at the end of the input, or (unless
    ///   lenient) text between a closing quote and the next delimiter.
    func nextRecord() throws -> Bool {
        while true {
            guard try readRecord() else { return false }
            let blank = fieldEnds.count == 1 && fieldEnds[0] == 0 && !lastFieldWasQuoted
            if !blank {
                recordNumber += 1
                return true
            }
        }
    }

    private var lastFieldWasQuoted = false

    @inline(__always)
    private func nextByte() throws -> UInt8? {
        if position == filled {
            guard try refill() else { return nil }
        }
        let b = buffer[position]
        position += 1
        return b
    }

    @inline(__always)
    private func peekByte() throws -> UInt8? {
        if position == filled {
            guard try refill() else { return nil }
        }
        return buffer[position]
    }

    private func refill() throws -> Bool {
        guard !exhausted else { return false }
        position = 0
        filled = 0
        let n = try source.read(into: buffer)
        if n == 0 {
            exhausted = true
            return false
        }
        filled = n
        return true
    }

    /// Reads one physical record (possibly spanning lines inside quotes). Returns false at end of input.
    private func readRecord() throws -> Bool {
        fieldBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        lastFieldWasQuoted = false
        recordLine = line
        guard var b = try nextByte() else { return false }
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while true {
            if b == quote {
                lastFieldWasQuoted = true
                try readQuotedField()
                guard let after = try nextByte() else { fieldEnds.append(fieldBytes.count); return true }
                b = after
                if b != delimiter && b != cr && b != lf {
                    guard lenient else {
                        throw error("unexpected text after a closing quote", excerpt: [b])
                    }
                    while b != delimiter && b != cr && b != lf {
                        fieldBytes.append(b)
                        guard let next = try nextByte() else { fieldEnds.append(fieldBytes.count); return true }
                        b = next
                    }
                }
            } else {
                lastFieldWasQuoted = false
                while b != delimiter && b != cr && b != lf {
                    fieldBytes.append(b)
                    guard let next = try nextByte() else { fieldEnds.append(fieldBytes.count); return true }
                    b = next
                }
            }
            fieldEnds.append(fieldBytes.count)
            if b == delimiter {
                guard let next = try nextByte() else { fieldEnds.append(fieldBytes.count); return true }
                b = next
                continue
            }
            if b == cr, try peekByte() == lf { position += 1 }
            line += 1
            return true
        }
    }

    /// Reads a quoted field's content up to and including its closing quote.
    private func readQuotedField() throws {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let startLine = line
        while true {
            guard let b = try nextByte() else {
                throw EventLogError(.malformedCSV, "a quoted field opened here is never closed (unbalanced quote)",
                                    location: .init(file: fileName, line: startLine, row: recordNumber + 1),
                                    excerpt: String(decoding: fieldBytes.prefix(60), as: UTF8.self))
            }
            if b == quote {
                if try peekByte() == quote {
                    position += 1
                    fieldBytes.append(quote)
                    continue
                }
                return
            }
            if b == lf {
                line += 1
            } else if b == cr, try peekByte() != lf {
                line += 1
            }
            fieldBytes.append(b)
        }
    }

    private func error(_ message: String, excerpt: [UInt8]) -> EventLogError {
        EventLogError(.malformedCSV, message, location: .init(file: fileName, line: line, row: recordNumber + 1),
                      excerpt: String(decoding: excerpt, as: UTF8.self))
    }
}
