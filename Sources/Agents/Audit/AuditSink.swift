import Foundation

/// Receives audit entries. Hosts may conform their own sink (a database, a log shipper); the embedded
/// defaults are ``JSONLAuditSink`` (a hash-chained JSONL file) and ``InMemoryAuditSink``.
public protocol AuditSink: Sendable {
    func record(_ entry: AuditEntry) async throws
}

/// Encodes entries as compact JSON with sorted keys, the body of each chained audit line.
enum AuditEncoding {
    static func encode(_ entry: AuditEntry) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(entry))
    }
}

/// Appends hash-chained lines (see ``AuditChain``) to one JSONL file; each line is written with a single
/// write call, so a crash leaves at most a torn last line. Reopening an existing file continues its chain.
///
/// ```swift
/// let sink = try JSONLAuditSink(fileURL: URL(fileURLWithPath: "audit/run-1.jsonl"))
/// try await sink.record(entry)
/// ```
public actor JSONLAuditSink: AuditSink {
    private let handle: FileHandle
    private var previousHash: String
    private var sequence: Int

    public init(fileURL: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        var previous = AuditChain.genesis
        var count = 0
        if manager.fileExists(atPath: fileURL.path) {
            let bytes = Array(try Data(contentsOf: fileURL))
            let report = AuditVerifier.verify(bytes: bytes)
            guard report.isValid else {
                throw AgentsError(.invalidState, "audit file \(fileURL.lastPathComponent) does not verify: \(report.problem!)")
            }
            let lines = bytes.split(separator: UInt8(ascii: "\n"))
            if report.validRecords > 0, let (stored, _) = AuditChain.recomputedHash(of: lines[report.validRecords - 1]) {
                previous = stored
            }
            count = report.validRecords
            if report.truncatedLastLine {
                let keep = lines.prefix(report.validRecords).reduce(0) { $0 + $1.count + 1 }
                try Data(bytes.prefix(keep)).write(to: fileURL)
            }
        } else {
            manager.createFile(atPath: fileURL.path, contents: nil)
        }
        handle = try FileHandle(forWritingTo: fileURL)
        try handle.seekToEnd()
        previousHash = previous
        sequence = count
    }

    public func record(_ entry: AuditEntry) throws {
        sequence += 1
        let (line, hash) = AuditChain.line(recordJSON: try AuditEncoding.encode(entry), previousHash: previousHash,
                                           sequence: sequence)
        try handle.write(contentsOf: Data(line + [UInt8(ascii: "\n")]))
        previousHash = hash
    }

    /// Flushes to stable storage.
    public func sync() throws {
        try handle.synchronize()
    }
}

/// Keeps the chained audit lines in memory: for tests, benchmarks and hosts that ship them elsewhere.
public actor InMemoryAuditSink: AuditSink {
    public private(set) var entries: [AuditEntry] = []
    private var bytes: [UInt8] = []
    private var previousHash = AuditChain.genesis

    public init() {}

    public func record(_ entry: AuditEntry) throws {
        let (line, hash) = AuditChain.line(recordJSON: try AuditEncoding.encode(entry), previousHash: previousHash,
                                           sequence: entries.count + 1)
        bytes += line
        bytes.append(UInt8(ascii: "\n"))
        previousHash = hash
        entries.append(entry)
    }

    /// The JSONL bytes, as a file sink would have written them.
    public var jsonl: [UInt8] { bytes }
}
