import EventLog
import Packs

/// What exception workers need from a durable store beyond ``JobQueue`` and ``ExceptionStore``: the pack
/// bundles jobs refer to, the ledger of tool calls that succeeded, the audit chains, and one atomic
/// ``finish(_:worker:outcome:runID:audit:)``.
///
/// `finish` commits the outcome, its status change, the job's audit chain, the idempotency keys of the tool
/// calls that succeeded and the job's completion in one transaction: either all of it happened or none did,
/// so a job retried after a crash redoes its work, and ``succeededToolCalls(exceptionID:tenant:)`` tells the
/// retry which tool calls must not be repeated. `TracewiseSQLite` and `TracewisePostgres` conform.
public protocol ExceptionWorkStore: JobQueue, ExceptionStore {
    /// Stores a pack bundle (idempotent) and returns its id, a hash of its content.
    func savePackBundle(_ bundle: PackBundle) async throws -> String
    /// The bundle with that id, or nil.
    func packBundle(id: String, tenant: String) async throws -> PackBundle?
    /// The recorded successful tool calls of an exception (keys `<exceptionId>:…`).
    func succeededToolCalls(exceptionID: String, tenant: String) async throws -> [ToolCallOutcome]
    /// Commits the job's results atomically and marks it succeeded.
    /// - Throws: ``StoreError`` with ``StoreError/Code/leaseLost`` (and commits nothing) when `worker` no
    ///   longer holds the job.
    func finish(_ job: ClaimedJob, worker: String, outcome: ExceptionOutcome, runID: String, audit: [AuditEntry]) async throws
    /// Verifies every audit chain of the tenant.
    func verifyAudit(tenant: String) async throws -> AuditLedgerReport
}

extension PackBundle {
    /// The content id stores use for a bundle: SHA-256 of its canonical JSON.
    public func contentID() throws -> String {
        SHA256.hex(Array(try StoreJSON.encode(self)))
    }
}
