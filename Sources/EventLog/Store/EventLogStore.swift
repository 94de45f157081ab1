/// Keeps event logs per tenant so they survive restarts and can be mined where they live.
///
/// Every call names the tenant, and a store never lets one tenant see, load or delete another's logs
/// (the shared store conformance suite checks this for every implementation). Names are unique per tenant.
/// ``InMemoryEventLogStore`` ships here; `TracewiseSQLite` and `TracewisePostgres` provide durable ones.
/// Hosts may conform their own.
///
/// ```swift
/// let store = InMemoryEventLogStore()
/// let info = try await store.importLog(try EventLog(contentsOf: url), name: "claims", tenant: "acme")
/// let log = try await store.load("claims", tenant: "acme")
/// ```
public protocol EventLogStore: Sendable {
    /// Stores `log` under `name`; a load returns a log with the same cases, events, attributes, header and
    /// provenance.
    /// - Throws: ``StoreError`` with `alreadyExists` when the tenant has a log of that name
    ///   (delete it first: importing never replaces data silently).
    func importLog(_ log: EventLog, name: String, tenant: String) async throws -> StoredLogInfo
    /// The tenant's logs, sorted by name.
    func logs(tenant: String) async throws -> [StoredLogInfo]
    /// The stored log.
    /// - Throws: ``StoreError`` with `notFound`.
    func load(_ name: String, tenant: String) async throws -> EventLog
    /// Deletes the log and everything derived from it in this store; returns false when there was none.
    @discardableResult
    func delete(_ name: String, tenant: String) async throws -> Bool
}
