import Foundation

/// Receives audit entries. Hosts may conform their own sink (a database, a log shipper); the embedded
/// defaults are ``JSONLAuditSink`` (a hash-chained JSONL file) and ``InMemoryAuditSink``.
public protocol AuditSink: Sendable {
    /// Takes the entry over (`consuming`), so a sink that stores entries does not copy them.
    func record(_ entry: consuming AuditEntry) async throws
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
        } else if !manager.createFile(atPath: fileURL.path, contents: nil) {
            throw AgentsError(.ioError, "cannot create the audit file \(fileURL.path)")
        }
        handle = try FileHandle(forWritingTo: fileURL)
        try handle.seekToEnd()
        previousHash = previous
        sequence = count
    }

    /// Encodes the entry outside the actor (so concurrent stages encode in parallel), then chains and
    /// appends it.
    public nonisolated func record(_ entry: AuditEntry) async throws {
        try await chainAndWrite(recordJSON: AuditEncoding.encode(entry))
    }

    private func chainAndWrite(recordJSON: [UInt8]) throws {
        var (line, hash) = AuditChain.line(recordJSON: recordJSON, previousHash: previousHash, sequence: sequence + 1)
        line.append(UInt8(ascii: "\n"))
        try writeFully(line)
        sequence += 1
        previousHash = hash
    }

    /// Writes the line with one `write` call where the system allows (so a crash tears at most this line),
    /// continuing after a partial write or an interrupt.
    private func writeFully(_ line: [UInt8]) throws {
        let descriptor = handle.fileDescriptor
        try line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AgentsError(.ioError, "cannot append to the audit file: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    /// Flushes to stable storage.
    public func sync() throws {
        try handle.synchronize()
    }
}

/// Keeps audit entries in memory: for tests, benchmarks and hosts that ship them elsewhere. The hash-chained
/// JSONL (the same bytes ``JSONLAuditSink`` writes) is built when it is read, so recording costs an append
/// under a lock (no actor hop per stage); reading again chains only the entries recorded since.
///
/// ```swift
/// let sink = InMemoryAuditSink()
/// let pipeline = try await ExceptionPipeline(domain: domain, tenant: tenant, audit: sink)
/// _ = await pipeline.run(exceptions, runId: "run-1")
/// AuditVerifier.verify(bytes: sink.jsonl).isValid   // true
/// ```
public final class InMemoryAuditSink: AuditSink, @unchecked Sendable {
    /// Guards every stored property below.
    private let lock = NSLock()
    /// Entries in fixed-capacity chunks: a growing single array copied every entry at each doubling.
    private var chunks: [[AuditEntry]] = []
    private var count = 0
    private static let chunkCapacity = 4_096
    private var chained: [UInt8] = []
    private var chainedCount = 0
    private var previousHash = AuditChain.genesis

    public init() {}

    public func record(_ entry: consuming AuditEntry) {
        lock.lock()
        defer { lock.unlock() }
        if count % Self.chunkCapacity == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkCapacity)
        }
        chunks[chunks.count - 1].append(consume entry)
        count += 1
    }

    /// The entries in the order they were recorded.
    public var entries: [AuditEntry] {
        lock.withLock { Array(chunks.joined()) }
    }

    /// The JSONL bytes, as a file sink would have written them.
    public var jsonl: [UInt8] {
        lock.withLock {
            while chainedCount < count {
                let entry = chunks[chainedCount / Self.chunkCapacity][chainedCount % Self.chunkCapacity]
                let (line, hash) = AuditChain.line(recordJSON: AuditEncoding.encode(entry), previousHash: previousHash,
                                                   sequence: chainedCount + 1)
                chained += line
                chained.append(UInt8(ascii: "\n"))
                previousHash = hash
                chainedCount += 1
            }
            return chained
        }
    }
}
