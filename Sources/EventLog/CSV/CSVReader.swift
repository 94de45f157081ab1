#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Imports an event log from CSV (RFC 4180; delimiter detected among `, ; TAB |`; header row required).
///
/// Columns map to roles by ``CSVColumnMapping``; other columns become typed attributes (`case:`-prefixed
/// ones at trace level). Cases are ordered by the first appearance of their id, and events keep their file
/// order within a case (or are sorted by timestamp on request).
///
/// ```swift
/// let result = try CSVReader().read(contentsOf: URL(fileURLWithPath: "receipt.csv"))
/// print(result.log.caseCount)
/// ```
/// - Throws: ``EventLogError`` with the row (record number, header = 1), line and column name:
///   `.emptyFile`, `.missingColumn`, `.missingCaseID`, `.missingKey` (empty activity), `.invalidTimestamp`,
///   `.malformedCSV` (unbalanced quote, wrong field count, text after a closing quote), `.binaryContent`.
public struct CSVReader: Sendable {
    public var options: CSVImportOptions
    /// Receives the bytes read (of the file as stored); nil by default. Reading also stops with
    /// `CancellationError` soon after its task is cancelled.
    public var progress: ProgressHandler?

    public init(options: CSVImportOptions = CSVImportOptions(), progress: ProgressHandler? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Reads a `.csv` file (or a gzip-compressed one, recognised by its content).
    public func read(contentsOf url: URL) throws -> LogReadResult {
        let source = ProgressByteSource(try FileByteSource(path: url.path),
                                        meter: ProgressMeter(progress, phase: "read \(url.lastPathComponent)",
                                                             total: FileByteSource.size(ofFileAt: url.path), unit: "bytes"))
        return try read(ByteSources.decompressingIfGzip(source, fileName: url.lastPathComponent),
                        name: url.lastPathComponent, location: url.path)
    }

    /// Reads CSV text held in memory.
    public func read(bytes: [UInt8], name: String = "csv") throws -> LogReadResult {
        let source = ProgressByteSource(MemoryByteSource(bytes),
                                        meter: ProgressMeter(progress, phase: "read \(name)", total: bytes.count, unit: "bytes"))
        return try read(ByteSources.decompressingIfGzip(source, fileName: name), name: name, location: name)
    }

    func read(_ source: ByteSource, name: String, location: String) throws -> LogReadResult {
        let reader = CSVRecordReader(source: source, fileName: name)
        reader.lenient = options.lenient
        let sample = try reader.sample(upTo: 1 << 16)
        guard !sample.isEmpty else { throw EventLogError(.emptyFile, "the file is empty", location: .init(file: name)) }
        guard !sample.contains(0) else {
            throw EventLogError(.binaryContent, "the file holds binary data, not CSV text", location: .init(file: name))
        }
        let delimiter = options.delimiter ?? CSVDialect.detectDelimiter(in: sample)
        reader.delimiter = delimiter
        guard try reader.nextRecord() else {
            throw EventLogError(.emptyFile, "the file has no header row", location: .init(file: name))
        }
        let header = CSVHeader(names: reader.withRecord { record in (0..<record.count).map { record.string($0) } })
        let layout = try CSVColumnLayout(header: header, mapping: options.mapping, fileName: name)
        var rows = CSVRowAccumulator(layout: layout, timestampParser: TimestampParser(options.timestampFormat))
        var problems: [ImportProblem] = []
        while try reader.nextRecord() {
            do {
                try reader.withRecord { try rows.append($0, fileName: name) }
            } catch let error as EventLogError where options.lenient {
                problems.append(ImportProblem(error: error, skipped: "row"))
            }
        }
        var log = rows.build(sortEventsByTimestamp: options.sortEventsByTimestamp)
        log.provenance = Provenance(source: .init(location: location, format: "csv",
                                                  fingerprint: SchemaFingerprint(log).value,
                                                  options: provenanceOptions(delimiter: delimiter)))
        return LogReadResult(log: log, problems: problems)
    }

    private func provenanceOptions(delimiter: UInt8) -> [String: String] {
        var result = [
            "delimiter": String(UnicodeScalar(delimiter)),
            "timestampFormat": options.timestampFormat.name,
            "case": options.mapping.caseID,
            "activity": options.mapping.activity,
            "lenient": String(options.lenient),
            "sortEventsByTimestamp": String(options.sortEventsByTimestamp),
        ]
        result["timestamp"] = options.mapping.timestamp
        result["startTimestamp"] = options.mapping.startTimestamp
        result["resource"] = options.mapping.resource
        return result
    }
}
