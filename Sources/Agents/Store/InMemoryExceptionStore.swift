import EventLog

/// Keeps exception outcomes and status histories in memory, per tenant.
public actor InMemoryExceptionStore: ExceptionStore {
    private struct Key: Hashable {
        var tenant: String
        var exceptionId: String
    }

    private var latest: [Key: ExceptionOutcome] = [:]
    private var history: [Key: [StatusChange]] = [:]
    private let clock: @Sendable () -> Int64

    /// - Parameter clock: UTC microseconds now, stamped on each status change.
    public init(clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) {
        self.clock = clock
    }

    public func record(_ outcome: ExceptionOutcome, runId: String) throws {
        let tenant = outcome.exception.tenantId
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(outcome.exception.exceptionId, as: "exception id")
        let key = Key(tenant: tenant, exceptionId: outcome.exception.exceptionId)
        latest[key] = outcome
        history[key, default: []].append(StatusChange(status: outcome.exception.resolutionStatus, runId: runId, atMicroseconds: clock()))
    }

    public func outcome(exceptionId: String, tenant: String) -> ExceptionOutcome? {
        latest[Key(tenant: tenant, exceptionId: exceptionId)]
    }

    public func outcomes(tenant: String, status: ResolutionStatus?) -> [ExceptionOutcome] {
        latest.filter { $0.key.tenant == tenant && (status == nil || $0.value.exception.resolutionStatus == status) }
            .sorted { $0.key.exceptionId < $1.key.exceptionId }
            .map(\.value)
    }

    public func statusHistory(exceptionId: String, tenant: String) -> [StatusChange] {
        history[Key(tenant: tenant, exceptionId: exceptionId)] ?? []
    }
}
