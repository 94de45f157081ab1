import Foundation
import Synchronization

/// Where the service's API key records live. Lookups are by the hash of the presented key, so a store never
/// needs, and never sees, a secret. ``InMemoryAPIKeyStore``, ``FileAPIKeyStore`` and the databases
/// (`SQLiteStore`, `PostgresStore`: table `api_keys`, one indexed lookup per request) implement it.
public protocol APIKeyStore: Sendable {
    func insert(_ record: APIKeyRecord) async throws
    /// The record whose ``APIKeyRecord/secretHash`` is `secretHash`, or nil.
    func record(secretHash: String) async throws -> APIKeyRecord?
    /// The tenant's keys, oldest first (by creation time).
    func records(tenant: String) async throws -> [APIKeyRecord]
    /// Removes the tenant's key `id`; false when there is none.
    func delete(id: String, tenant: String) async throws -> Bool
}

/// Keeps API keys in memory (tests, embedded hosts).
public final class InMemoryAPIKeyStore: APIKeyStore {
    private let state = Mutex<[APIKeyRecord]>([])

    public init() {}

    public func insert(_ record: APIKeyRecord) { state.withLock { $0.append(record) } }

    public func record(secretHash: String) -> APIKeyRecord? {
        state.withLock { records in records.first { $0.secretHash == secretHash } }
    }

    public func records(tenant: String) -> [APIKeyRecord] {
        state.withLock { records in records.filter { $0.tenant == tenant } }.oldestFirst
    }

    public func delete(id: String, tenant: String) -> Bool {
        state.withLock { records in
            guard let index = records.firstIndex(where: { $0.id == id && $0.tenant == tenant }) else { return false }
            records.remove(at: index)
            return true
        }
    }
}

extension [APIKeyRecord] {
    /// The records by creation time, records made at the same time in their present order.
    var oldestFirst: [APIKeyRecord] {
        enumerated().sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }.map(\.element)
    }
}
