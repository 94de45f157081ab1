/// One job's results for ``ExceptionWorkStore/finish(_:worker:)``: the outcome, its run id and audit chain, and
/// what the job remembered for similar-case search (saved in the same transaction by stores that are a ``MemoryStore``).
public struct FinishedJob: Sendable {
    public var job: ClaimedJob
    public var outcome: ExceptionOutcome
    /// The job attempt's run id, which names its audit chain.
    public var runID: String
    public var audit: [AuditEntry]
    /// Entries the job's pipeline remembered (``TenantMemory`` with ``MemoryWrites/deferred`` writes).
    public var memory: [MemoryRecord]

    public init(job: ClaimedJob, outcome: ExceptionOutcome, runID: String, audit: [AuditEntry], memory: [MemoryRecord] = []) {
        self.job = job
        self.outcome = outcome
        self.runID = runID
        self.audit = audit
        self.memory = memory
    }
}
