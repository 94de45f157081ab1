/// A streaming RFC 4180 record reader: quoted fields, doubled quotes, delimiters and line breaks inside
/// quotes, CRLF / LF / CR line ends, a leading UTF-8 BOM, blank lines skipped.
///
/// Bytes come from a ``ByteSource`` chunk by chunk, so a multi-gigabyte file (or its gzip stream) is never
/// held in memory. Each record's unescaped field bytes are kept in one reusable buffer; runs of plain bytes
/// are copied in bulk, and the scanning loop works on locals so it pays no per-byte exclusivity checks.
final class CSVRecordReader {
    private let source: ByteSource
    private let fileName: String?
    private let buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var filled = 0
    private var exhausted = false
    /// The field delimiter byte.
    var delimiter: UInt8 = UInt8(ascii: ",")
    /// Tolerate stray characters after a closing quote (kept as text) instead of failing.
    var lenient = false

    private var fieldBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var recordLine = 0
    private var recordNumber = 0
    private var line = 1

    init(source: ByteSource, fileName: String?, chunkSize: Int = 1 << 18) {
        self.source = source
        self.fileName = fileName
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
        fieldBytes.reserveCapacity(4096)
        fieldEnds.reserveCapacity(64)
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

    /// Calls `body` with the current record.
    func withRecord<R>(_ body: (CSVRecord) throws -> R) rethrows -> R {
        try fieldBytes.withUnsafeBytes { bytes in
            try fieldEnds.withUnsafeBufferPointer { ends in
                try body(CSVRecord(bytes: bytes, ends: ends, line: recordLine, number: recordNumber))
            }
        }
    }

    /// Advances to the next non-blank record; returns false at the end of the input.
    /// - Throws: ``EventLogError`` `.malformedCSV` for a quote left open at the end of the input, or (unless
    ///   lenient) text between a closing quote and the next delimiter.
    func nextRecord() throws -> Bool {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        swap(&bytes, &fieldBytes)
        swap(&ends, &fieldEnds)
        defer {
            swap(&bytes, &fieldBytes)
            swap(&ends, &fieldEnds)
        }
        while true {
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            recordLine = line
            guard let quotedOnly = try readRecord(into: &bytes, ends: &ends) else { return false }
            let blank = ends.count == 1 && ends[0] == 0 && !quotedOnly
            if !blank {
                recordNumber += 1
                return true
            }
        }
    }

    /// Refills the buffer when it is used up; false at the end of the input.
    private func refillIfNeeded(_ pos: inout Int, _ end: inout Int) throws -> Bool {
        if pos < end { return true }
        guard !exhausted else { return false }
        let n = try source.read(into: buffer)
        pos = 0
        end = n
        if n == 0 { exhausted = true }
        return n > 0
    }

    /// Reads one record (possibly spanning lines inside quotes). Returns nil at the end of the input,
    /// otherwise whether the record's single field was quoted (so `""` is not a blank line).
    private func readRecord(into out: inout [UInt8], ends: inout [Int]) throws -> Bool? {
        var pos = position, end = filled
        defer {
            position = pos
            filled = end
        }
        let base = UnsafeRawBufferPointer(buffer)
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let delimiter = self.delimiter
        guard try refillIfNeeded(&pos, &end) else { return nil }
        var lastQuoted = false
        while true {
            // One field starts at `pos`.
            guard try refillIfNeeded(&pos, &end) else {
                ends.append(out.count)
                return lastQuoted
            }
            if base[pos] == quote {
                lastQuoted = true
                pos += 1
                try readQuoted(into: &out, base, &pos, &end)
                guard try refillIfNeeded(&pos, &end) else {
                    ends.append(out.count)
                    return lastQuoted
                }
                let b = base[pos]
                if b != delimiter && b != cr && b != lf {
                    guard lenient else {
                        throw EventLogError(.malformedCSV, "unexpected text after a closing quote",
                                            location: .init(file: fileName, line: line, row: recordNumber + 1),
                                            excerpt: String(decoding: [b], as: UTF8.self))
                    }
                    guard try scanPlain(into: &out, base, &pos, &end, delimiter) else {
                        ends.append(out.count)
                        return lastQuoted
                    }
                }
            } else {
                lastQuoted = false
                guard try scanPlain(into: &out, base, &pos, &end, delimiter) else {
                    ends.append(out.count)
                    return lastQuoted
                }
            }
            ends.append(out.count)
            let terminator = base[pos]
            pos += 1
            if terminator == delimiter {
                guard try refillIfNeeded(&pos, &end) else {
                    ends.append(out.count)
                    return false
                }
                continue
            }
            if terminator == cr, try refillIfNeeded(&pos, &end), base[pos] == lf { pos += 1 }
            line += 1
            return lastQuoted
        }
    }

    /// Copies plain bytes up to (not including) the next delimiter or line break. Returns false when the
    /// input ended first.
    @inline(__always)
    private func scanPlain(into out: inout [UInt8], _ base: UnsafeRawBufferPointer, _ pos: inout Int, _ end: inout Int,
                           _ delimiter: UInt8) throws -> Bool {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while true {
            var i = pos
            while i < end {
                let b = base[i]
                if b == delimiter || b == lf || b == cr { break }
                i += 1
            }
            if i > pos { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: base[pos ..< i])) }
            pos = i
            if i < end { return true }
            guard try refillIfNeeded(&pos, &end) else { return false }
        }
    }

    /// Copies a quoted field's content (quotes undoubled) and consumes its closing quote.
    private func readQuoted(into out: inout [UInt8], _ base: UnsafeRawBufferPointer, _ pos: inout Int,
                            _ end: inout Int) throws {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let startLine = line
        let startCount = out.count
        while true {
            guard try refillIfNeeded(&pos, &end) else {
                throw EventLogError(.malformedCSV, "a quoted field opened here is never closed (unbalanced quote)",
                                    location: .init(file: fileName, line: startLine, row: recordNumber + 1),
                                    excerpt: String(decoding: out[startCount...].prefix(60), as: UTF8.self))
            }
            var i = pos
            while i < end {
                let b = base[i]
                if b == quote { break }
                if b == lf {
                    line += 1
                } else if b == cr, i + 1 < end, base[i + 1] != lf {
                    line += 1
                }
                i += 1
            }
            if i > pos { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: base[pos ..< i])) }
            pos = i
            guard i < end else { continue }
            pos += 1
            guard try refillIfNeeded(&pos, &end), base[pos] == quote else { return }
            out.append(quote)
            pos += 1
        }
    }
}
