import Foundation
import Synchronization

/// The service's audit trail: one hash-chained chain per tenant (API writes and the pipeline's stage records
/// alike), readable back as the JSONL that ``AuditVerifier`` checks and `GET …/audit/export` returns.
/// ``InMemoryTenantAuditLog``, ``DirectoryTenantAuditLog`` (files) and ``StoredTenantAuditLog`` (SQLite or
/// PostgreSQL, shared by every process) implement it.
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

    /// Copies each tenant's chain into `target` when the target holds no record of that tenant's chain yet, verbatim
    /// (the intact lines; a torn last line is left out), so it verifies there exactly as here: how a service that
    /// kept its chains as files moves them into its database once, losing nothing. Returns the tenants copied.
    @discardableResult
    public func copyMissing(to target: any AuditChainStore, chain: String = StoredTenantAuditLog.chain) async throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var copied: [String] = []
        for name in names.sorted() where name.hasSuffix(".jsonl") {
            let tenant = String(name.dropLast(".jsonl".count))
            let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
            let report = AuditVerifier.verify(bytes: bytes)
            guard report.isValid else {
                throw AgentsError(.invalidState, "audit file \(name) does not verify (\(report.problem!)); not copied")
            }
            let lines = bytes.split(separator: UInt8(ascii: "\n")).prefix(report.validRecords).map { Array($0) }
            if !lines.isEmpty, try await target.importAuditChain(lines, chain: chain, tenant: tenant) { copied.append(tenant) }
        }
        return copied
    }

    /// Tenant ids are validated identifiers (``TenantID``), so they are safe file names.
    private func file(_ tenant: String) -> URL { directory.appendingPathComponent(tenant + ".jsonl") }
}
