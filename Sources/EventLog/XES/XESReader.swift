import Foundation

/// Reads XES 1.0 and 2.0 (IEEE 1849-2016) logs, plain or gzip-compressed, with a streaming byte-level
/// parser: the file is read and inflated chunk by chunk, so memory holds the columns, not the XML.
///
/// ```swift
/// let importer = XESReader(options: ImportOptions(lenient: true))
/// let result = try importer.read(contentsOf: URL(fileURLWithPath: "log.xes.gz"))
/// for problem in result.problems { print(problem) }
/// print(result.log.caseCount)
/// ```
/// Compression is detected from the content (gzip or zlib magic bytes), so a misnamed file still reads.
public struct XESReader: Sendable {
    public var options: ImportOptions
    /// Receives the bytes read (of the file as stored, so compressed bytes for `.xes.gz`); nil by default.
    /// Reading also stops with `CancellationError` soon after its task is cancelled.
    public var progress: ProgressHandler?

    public init(options: ImportOptions = ImportOptions(), progress: ProgressHandler? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Reads the XES file at `url`.
    /// - Throws: ``EventLogError`` with file, line, column and excerpt.
    public func read(contentsOf url: URL) throws -> LogReadResult {
        let path = url.path
        let compressed = try Self.hasCompressionMagic(path: path)
        if LogFileFormat.isCompressed(url) && !compressed {
            throw EventLogError(.corruptGzip, "the file is named .gz but is not gzip-compressed", location: .init(file: path))
        }
        let file = ProgressByteSource(try FileByteSource(path: path),
                                      meter: ProgressMeter(progress, phase: "read \(url.lastPathComponent)",
                                                           total: FileByteSource.size(ofFileAt: path), unit: "bytes"))
        // Inflate on one thread, scan on another; the cancellation check moves to the scanning side.
        let source: ByteSource = compressed
            ? ProgressByteSource(PrefetchingByteSource(try GzipInflater(input: file, fileName: path)), meter: nil)
            : file
        return try read(source: source, name: path)
    }

    /// Reads XES from bytes in memory, plain or gzip-compressed; `name` appears in error locations.
    public func read(data: Data, name: String? = nil) throws -> LogReadResult {
        try read(bytes: [UInt8](data), name: name)
    }

    /// Reads XES from bytes in memory, plain or gzip-compressed; `name` appears in error locations.
    public func read(bytes: [UInt8], name: String? = nil) throws -> LogReadResult {
        let memory = ProgressByteSource(MemoryByteSource(bytes),
                                        meter: ProgressMeter(progress, phase: "read \(name ?? "XES")", total: bytes.count, unit: "bytes"))
        let compressed = bytes.count >= 2 && Self.isCompressionMagic(bytes[0], bytes[1])
        let source: ByteSource = compressed ? try GzipInflater(input: memory, fileName: name) : memory
        return try read(source: source, name: name)
    }

    private func read(source: ByteSource, name: String?) throws -> LogReadResult {
        let scanner = XMLScanner(source: source, fileName: name)
        var parser = XESParser(scanner: scanner, lenient: options.lenient)
        let parsed = try parser.parse()
        var events = parsed.eventAttributes
        if options.sortEventsByTimestamp {
            events = events.gathering(Self.timestampOrder(events, caseOffsets: parsed.caseOffsets))
        }
        var sourceOptions = options.provenanceOptions
        if options.lenient { sourceOptions["skippedProblems"] = String(parsed.problems.count) }
        let provenance = Provenance(source: .init(location: name ?? "memory", format: "xes", options: sourceOptions))
        let log = EventLog(caseOffsets: parsed.caseOffsets, eventAttributes: events,
                           traceAttributes: parsed.traceAttributes, header: parsed.header,
                           classifier: options.classifier ?? .conceptName, provenance: provenance)
        return LogReadResult(log: log, problems: parsed.problems)
    }

    /// Event rows ordered by case, then stably by `time:timestamp` (rows without one last).
    static func timestampOrder(_ events: AttributeTable, caseOffsets: [Int]) -> [Int] {
        var order = Array(0 ..< events.rowCount)
        guard case .date(let times, _)? = events.column("time:timestamp")?.storage else { return order }
        for c in 0 ..< caseOffsets.count - 1 {
            let range = caseOffsets[c] ..< caseOffsets[c + 1]
            let sorted = order[range].enumerated().sorted { a, b in
                let ta = times[a.element] == Timestamp.missing ? Int64.max : times[a.element]
                let tb = times[b.element] == Timestamp.missing ? Int64.max : times[b.element]
                return ta != tb ? ta < tb : a.offset < b.offset
            }
            order.replaceSubrange(range, with: sorted.map(\.element))
        }
        return order
    }

    private static func isCompressionMagic(_ b0: UInt8, _ b1: UInt8) -> Bool {
        (b0 == 0x1F && b1 == 0x8B) || (b0 == 0x78 && (UInt16(b0) << 8 | UInt16(b1)) % 31 == 0)
    }

    private static func hasCompressionMagic(path: String) throws -> Bool {
        let file = try FileByteSource(path: path)
        var head: [UInt8] = [0, 0]
        let n = try head.withUnsafeMutableBytes { try file.read(into: $0) }
        if n == 0 {
            throw EventLogError(.emptyFile, "the file is empty", location: .init(file: path))
        }
        if n == 1 {
            let m = try head.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[1...])) }
            if m == 0 { return false }
        }
        return isCompressionMagic(head[0], head[1])
    }
}
