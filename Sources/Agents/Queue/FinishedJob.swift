/// One job's results for ``ExceptionWorkStore/finish(_:worker:)``: the outcome, its run id and audit chain.
public struct FinishedJob: Sendable {
    public var job: ClaimedJob
    public var outcome: ExceptionOutcome
    /// The job attempt's run id, which names its audit chain.
    public var runID: String
    public var audit: [AuditEntry]

    public init(job: ClaimedJob, outcome: ExceptionOutcome, runID: String, audit: [AuditEntry]) {
        self.job = job
        self.outcome = outcome
        self.runID = runID
        self.audit = audit
    }
}
