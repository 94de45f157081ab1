import EventLog

/// A database that keeps named audit chains per tenant (table `audit_records`: one ``AuditChain`` line per row,
/// keyed by tenant, chain and sequence number) and appends to one chain from any number of processes at once.
/// The workers' job chains and the service's tenant chain (``StoredTenantAuditLog``) live there side by side, and
/// `verifyAudit` checks them all. `SQLiteStore` and `PostgresStore` implement it.
public protocol AuditChainStore: Sendable {
    /// Appends `records` (``AuditEncoding`` JSON objects) to `tenant`'s chain `chain` in one transaction, each
    /// chained after the one before and the first after the chain's last stored line (``AuditChain/lines(chaining:after:)``).
    /// Concurrent appends to one chain are serialised by the database, so the chain never forks or loses a record.
    func appendAudit(_ records: [[UInt8]], chain: String, tenant: String) async throws
    /// The chain's lines, oldest first, each ending in a newline: the JSONL ``AuditVerifier`` checks (empty when
    /// the chain has no record).
    func auditChain(_ chain: String, tenant: String) async throws -> [UInt8]
    /// Stores complete chain lines (numbered from 1, as a ``JSONLAuditSink`` wrote them) verbatim as the chain,
    /// so the copy verifies exactly as the original did — when the chain has no record yet; false when it has.
    func importAuditChain(_ lines: [[UInt8]], chain: String, tenant: String) async throws -> Bool
}
