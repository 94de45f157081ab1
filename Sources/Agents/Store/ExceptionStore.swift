import EventLog

/// Keeps exception outcomes per tenant and exception id, with each exception's status history, so a team
/// sees where every exception stands after restarts and whichever worker handled it.
///
/// ``record(_:runID:)`` replaces the latest outcome and appends a ``StatusChange``. Every read names the
/// tenant and a store never shows one tenant another's outcomes. ``InMemoryExceptionStore`` ships here;
/// `TracewiseSQLite` and `TracewisePostgres` provide durable ones. Hosts may conform their own.
///
/// ```swift
/// let store = InMemoryExceptionStore()
/// for outcome in result.results { try await store.record(outcome, runId: result.runId) }
/// let pending = try await store.outcomes(tenant: "acme", status: .pendingApproval)
/// ```
public protocol ExceptionStore: Sendable {
    /// Stores `outcome` as the latest for its tenant (`outcome.exception.tenantId`) and exception id, and
    /// appends its status to the history.
    func record(_ outcome: ExceptionOutcome, runID: String) async throws
    /// The latest outcome, or nil.
    func outcome(exceptionID: String, tenant: String) async throws -> ExceptionOutcome?
    /// The tenant's latest outcomes sorted by exception id, optionally only those with `status`.
    func outcomes(tenant: String, status: ResolutionStatus?) async throws -> [ExceptionOutcome]
    /// Every status the exception reached, oldest first.
    func statusHistory(exceptionID: String, tenant: String) async throws -> [StatusChange]
}

extension ExceptionStore {
    /// Every latest outcome of the tenant, sorted by exception id.
    public func outcomes(tenant: String) async throws -> [ExceptionOutcome] {
        try await outcomes(tenant: tenant, status: nil)
    }
}
