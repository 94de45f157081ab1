import Foundation

/// Where a registry keeps pack documents and its own state. Keys always include the tenant, so a store
/// implementation keeps tenants apart simply by using the key.
///
/// Hosts may conform to use their own storage (a database, an object store); `FileSystemPackStore` and
/// `InMemoryPackStore` are the embedded implementations, `SQLiteStore` and `PostgresStore` the database ones.
/// Writes must be atomic: after a crash, a reader sees either the previous document or the new one, never a torn
/// mix; `replace(_:expecting:with:)` must also be a true compare-and-swap across processes.
public protocol PackStore: Sendable {
    /// Stores `data` at `key`, replacing what was there, atomically.
    func write(_ data: Data, at key: PackStoreKey) async throws
    /// Stores `data` at `key` only if the document there is still `expected` (nil: only if there is none),
    /// atomically with respect to every writer using `replace` — in this process or another sharing the storage.
    /// Returns false, changing nothing, when the document is something else.
    ///
    /// This is the registry's compare-and-swap: it reads a document, changes it and replaces it expecting what it
    /// read, rereading and trying again on false, so two processes activating, registering or counting usage at
    /// once never lose each other's change.
    func replace(_ key: PackStoreKey, expecting expected: Data?, with data: Data) async throws -> Bool
    /// The document at `key`, or nil when there is none.
    func read(_ key: PackStoreKey) async throws -> Data?
    /// The versions stored for one tenant, domain and kind of document (unsorted).
    func versions(tenant: String, domain: String, kind: PackStoreKey.Kind) async throws -> [String]
    /// The domains a tenant has anything stored for.
    func domains(tenant: String) async throws -> [String]
}

/// The address of one stored document.
public struct PackStoreKey: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// A domain pack version.
        case domainPack
        /// A tenant policy pack version.
        case tenantPolicy
        /// The registry's state (active versions, history, usage) for the tenant and domain.
        case state
    }

    public var tenant: String
    public var domain: String
    public var kind: Kind
    /// The semantic version; empty for `state`.
    public var version: String

    public init(tenant: String, domain: String, kind: Kind, version: String = "") {
        self.tenant = tenant
        self.domain = domain
        self.kind = kind
        self.version = version
    }

    public var description: String { "\(tenant)/\(domain)/\(kind.rawValue)/\(version)" }
}
