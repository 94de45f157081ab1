import Agents
import Foundation
import Synchronization

/// The service's audit trail: one hash-chained chain per tenant (API writes and the pipeline's stage records
/// alike), readable back as the JSONL that `AuditVerifier` checks and `GET …/audit/export` returns.
public protocol TenantAuditLog: Sendable {
    /// The sink that appends to `tenant`'s chain.
    func sink(tenant: String) async throws -> any AuditSink
    /// `tenant`'s chain as JSONL bytes, oldest first.
    func export(tenant: String) async throws -> [UInt8]
}

/// Keeps each tenant's chain in memory (tests, embedded hosts).
public final class InMemoryTenantAuditLog: TenantAuditLog {
    private let sinks = Mutex<[String: InMemoryAuditSink]>([:])

    public init() {}

    public func sink(tenant: String) -> any AuditSink { memorySink(tenant) }

    public func export(tenant: String) -> [UInt8] { memorySink(tenant).jsonl }

    private func memorySink(_ tenant: String) -> InMemoryAuditSink {
        sinks.withLock { sinks in
            if let sink = sinks[tenant] { return sink }
            let sink = InMemoryAuditSink()
            sinks[tenant] = sink
            return sink
        }
    }
}

/// Keeps each tenant's chain as a JSONL file `<directory>/<tenant>.jsonl` (`JSONLAuditSink`): the chain
/// survives restarts and reopening continues it.
public actor DirectoryTenantAuditLog: TenantAuditLog {
    public let directory: URL
    private var sinks: [String: JSONLAuditSink] = [:]

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    public func sink(tenant: String) throws -> any AuditSink { try fileSink(tenant) }

    public func export(tenant: String) throws -> [UInt8] {
        let url = file(tenant)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return Array(try Data(contentsOf: url))
    }

    private func fileSink(_ tenant: String) throws -> JSONLAuditSink {
        if let sink = sinks[tenant] { return sink }
        let sink = try JSONLAuditSink(fileURL: file(tenant))
        sinks[tenant] = sink
        return sink
    }

    /// Tenant ids are validated identifiers (``TenantID``), so they are safe file names.
    private func file(_ tenant: String) -> URL { directory.appendingPathComponent(tenant + ".jsonl") }
}
