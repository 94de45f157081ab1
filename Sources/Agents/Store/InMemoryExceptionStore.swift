import EventLog

/// Keeps exception outcomes and status histories in memory, per tenant.
public actor InMemoryExceptionStore: ExceptionStore {
    private struct Key: Hashable {
        var tenant: String
        var exceptionID: String
    }

    private var latest: [Key: ExceptionOutcome] = [:]
    private var history: [Key: [StatusChange]] = [:]
    private let clock: @Sendable () -> Int64

    /// - Parameter clock: UTC microseconds now, stamped on each status change.
    public init(clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) {
        self.clock = clock
    }

    public func record(_ outcome: ExceptionOutcome, runID: String) throws {
        let tenant = outcome.exception.tenantID
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(outcome.exception.exceptionID, as: "exception id")
        let key = Key(tenant: tenant, exceptionID: outcome.exception.exceptionID)
        latest[key] = outcome
        history[key, default: []].append(StatusChange(status: outcome.exception.resolutionStatus, runID: runID, atMicroseconds: clock()))
    }

    public func outcome(exceptionID: String, tenant: String) -> ExceptionOutcome? {
        latest[Key(tenant: tenant, exceptionID: exceptionID)]
    }

    public func outcomes(tenant: String, status: ResolutionStatus?) -> [ExceptionOutcome] {
        latest.filter { $0.key.tenant == tenant && (status == nil || $0.value.exception.resolutionStatus == status) }
            .sorted { $0.key.exceptionID < $1.key.exceptionID }
            .map(\.value)
    }

    public func statusHistory(exceptionID: String, tenant: String) -> [StatusChange] {
        history[Key(tenant: tenant, exceptionID: exceptionID)] ?? []
    }
}
