import EventLog
import Synchronization

/// The service's per-tenant audit chains in a database (``AuditChainStore``): chain ``chain`` of each tenant in
/// `audit_records`, next to the workers' job chains, appended by every process that shares the database. A
/// record is durable when ``AuditSink/record(_:)`` returns; records that arrive while a write is in flight go
/// into the next transaction together (group commit), so a busy pipeline pays about one round trip per batch,
/// not per record.
///
/// ```swift
/// let audit = StoredTenantAuditLog(store: try await PostgresStore(url: url))
/// try await audit.sink(tenant: "acme").record(entry)
/// AuditVerifier.verify(bytes: try await audit.export(tenant: "acme")).isValid   // true
/// ```
public final class StoredTenantAuditLog: TenantAuditLog {
    /// The name of each tenant's service chain in `audit_records` (worker chains are `job-<id>-attempt-<n>`).
    public static let chain = "tenant"

    private let store: any AuditChainStore
    private let writers = Mutex<[String: AuditChainWriter]>([:])

    public init(store: any AuditChainStore) {
        self.store = store
    }

    public func sink(tenant: String) throws -> any AuditSink {
        try StoreError.validate(tenant, as: "tenant")
        return writers.withLock { writers in
            if let writer = writers[tenant] { return writer }
            let writer = AuditChainWriter(store: store, chain: Self.chain, tenant: tenant)
            writers[tenant] = writer
            return writer
        }
    }

    public func export(tenant: String) async throws -> [UInt8] {
        try await store.auditChain(Self.chain, tenant: tenant)
    }
}

/// Appends one tenant's records to its chain, batching those that wait while a transaction is in flight.
actor AuditChainWriter: AuditSink {
    private let store: any AuditChainStore
    private let chain: String
    private let tenant: String
    private var waiting: [(record: [UInt8], done: CheckedContinuation<Void, any Error>)] = []
    private var writing = false

    init(store: any AuditChainStore, chain: String, tenant: String) {
        self.store = store
        self.chain = chain
        self.tenant = tenant
    }

    /// Encodes outside the actor, then waits until the record's transaction committed.
    nonisolated func record(_ entry: consuming AuditEntry) async throws {
        try await append(AuditEncoding.encode(entry))
    }

    private func append(_ record: [UInt8]) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            waiting.append((record, done))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    /// Writes what waits, one transaction per batch, until nothing waits.
    private func drain() async {
        while !waiting.isEmpty {
            let batch = waiting
            waiting = []
            do {
                try await store.appendAudit(batch.map(\.record), chain: chain, tenant: tenant)
                for item in batch { item.done.resume() }
            } catch {
                for item in batch { item.done.resume(throwing: error) }
            }
        }
        writing = false
    }
}
