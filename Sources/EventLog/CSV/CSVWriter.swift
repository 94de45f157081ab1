#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes a flat event log as CSV (RFC 4180 with `\n` line ends, quotes only where needed), plain or gzip.
///
/// Columns: `case:concept:name`, the event attributes (`concept:name`, `time:timestamp`, ... in the log's
/// column order), then each other trace attribute as `case:<key>`. Events are written case by case, so
/// ``CSVReader`` with the default mapping reads the same cases, events and values back. Dates keep their
/// source offset; an empty cell means "absent".
///
/// ```swift
/// try CSVWriter().write(log, to: URL(fileURLWithPath: "out.csv"))
/// ```
/// - Throws: ``EventLogError`` `.unsupportedFormat` when an attribute holds a list, a container or nested
///   attributes (CSV cannot carry them: export XES instead), `.ioError` on write failure.
public struct CSVWriter: Sendable {
    /// The field delimiter.
    public var delimiter: UInt8

    /// The zlib level used for `.gz` output (1 fastest … 9 smallest).
    public var compressionLevel: Int32

    public init(delimiter: UInt8 = UInt8(ascii: ","), compressionLevel: Int32 = 6) {
        self.delimiter = delimiter
        self.compressionLevel = compressionLevel
    }

    /// Writes `log` to `url`, gzip-compressed when the name ends in `.gz`. The file appears only when
    /// writing succeeded; a cancelled task stops writing (soon, between chunks) and leaves no file.
    public func write(_ log: EventLog, to url: URL) throws {
        let file = try FileByteSink(path: url.path)
        let sink: ByteSink = LogFileFormat.isCompressed(url) ? try GzipDeflater(output: file, level: compressionLevel) : file
        try write(log) { try sink.write($0) }
        try sink.finish()
    }

    /// The CSV text of `log` as bytes.
    public func bytes(_ log: EventLog) throws -> [UInt8] {
        var result: [UInt8] = []
        try write(log) { result.append(contentsOf: $0) }
        return result
    }

    /// Streams the CSV text of `log` to `sink` in chunks of about 1 MB.
    public func write(_ log: EventLog, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { try writeRows(log, to: $0) }
    }

    private func writeRows(_ log: EventLog, to sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        let eventColumns = log.eventAttributes.columns
        let traceColumns = log.traceAttributes.columns.filter { $0.key != "concept:name" }
        try ([log.traceAttributes.column("concept:name")].compactMap { $0 } + eventColumns + traceColumns)
            .forEach(requireFlat)
        var out = CSVOutputBuffer(delimiter: delimiter, sink: sink)
        let headerNames = ["case:concept:name"] + eventColumns.map(\.key) + traceColumns.map { "case:" + $0.key }
        for (i, name) in headerNames.enumerated() {
            if i > 0 { try out.delimiter() }
            try out.field(name)
        }
        try out.newline()
        let caseIDs = log.traceAttributes.column("concept:name").map { CSVCellRenderer($0, delimiter: delimiter) }
        let eventRenderers = eventColumns.map { CSVCellRenderer($0, delimiter: delimiter) }
        let traceRenderers = traceColumns.map { CSVCellRenderer($0, delimiter: delimiter) }
        for c in 0..<log.caseCount {
            for row in log.eventRange(ofCase: c) {
                if let caseIDs { try caseIDs.render(row: c, into: &out) } else { try out.field(String(c)) }
                for renderer in eventRenderers {
                    try out.delimiter()
                    try renderer.render(row: row, into: &out)
                }
                for renderer in traceRenderers {
                    try out.delimiter()
                    try renderer.render(row: c, into: &out)
                }
                try out.newline()
            }
        }
        try out.flush()
    }

    private func requireFlat(_ column: AttributeColumn) throws {
        guard case .mixed(let values) = column.storage else { return }
        for value in values {
            guard let value else { continue }
            switch value.value {
            case .list, .container:
                throw EventLogError(.unsupportedFormat, "CSV cannot hold the list or container attribute '\(column.key)'; export XES instead",
                                    location: .init(field: column.key))
            default:
                if !value.children.isEmpty {
                    throw EventLogError(.unsupportedFormat, "CSV cannot hold the nested attributes of '\(column.key)'; export XES instead",
                                        location: .init(field: column.key))
                }
            }
        }
    }
}
