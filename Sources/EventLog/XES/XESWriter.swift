import Foundation

/// Writes an ``EventLog`` as XES (plain, or gzip when the file name ends in `.gz`), keeping every
/// attribute, its type, nested meta-attributes, lists, containers and timestamp offsets, so that
/// importing the output gives back the same log.
///
/// ```swift
/// try XESWriter().write(log, to: URL(fileURLWithPath: "out.xes.gz"))
/// ```
/// Attributes of an event or trace are written in column order (first-seen key order of the log),
/// not in the order of the source file. Output is streamed: memory holds one 64 KB chunk at a time.
public struct XESWriter: Sendable {
    /// The zlib level used for `.gz` output (1 fastest … 9 smallest).
    public var compressionLevel: Int32

    public init(compressionLevel: Int32 = 6) {
        self.compressionLevel = compressionLevel
    }

    /// Writes `log` to `url`, gzip-compressed when the name ends in `.gz`. The file appears only when
    /// writing succeeded; a cancelled task stops writing (soon, between chunks) and leaves no file.
    /// - Throws: ``EventLogError`` `.ioError`; `CancellationError`.
    public func write(_ log: EventLog, to url: URL) throws {
        let file = try FileByteSink(path: url.path)
        let sink: ByteSink = LogFileFormat.isCompressed(url) ? try GzipDeflater(output: file, level: compressionLevel) : file
        try write(log, to: sink)
    }

    /// The XES text of `log` as UTF-8 bytes, gzip-compressed when `compressed` is set.
    public func bytes(_ log: EventLog, compressed: Bool = false) throws -> [UInt8] {
        let memory = MemoryByteSink()
        try write(log, to: compressed ? try GzipDeflater(output: memory, level: compressionLevel) : memory)
        return memory.bytes
    }

    private func write(_ log: EventLog, to sink: ByteSink) throws {
        var writer = XESByteWriter(sink: sink)
        try writer.writeDocument(log)
        try sink.finish()
    }
}
