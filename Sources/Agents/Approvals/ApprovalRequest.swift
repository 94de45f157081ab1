/// A request for a human decision before an exception's plan may run.
public struct ApprovalRequest: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        case pending = "PENDING"
        case approved = "APPROVED"
        case rejected = "REJECTED"
        /// Not decided before its deadline: escalated.
        case expired = "EXPIRED"
    }

    public var id: String
    public var tenantID: String
    public var exceptionID: String
    public var playbookID: String?
    public var reason: String
    /// Seconds since the epoch.
    public var requestedAt: Double
    /// Seconds since the epoch after which the request expires and escalates.
    public var deadline: Double
    public var status: Status
    public var decidedBy: String?
    public var comment: String?
    public var decidedAt: Double?
    /// What the pipeline needs to resume: the exception's outcome as it stood when approval was requested.
    public var context: ExceptionOutcome?

    public init(id: String, tenantID: String, exceptionID: String, playbookID: String?, reason: String,
                requestedAt: Double, deadline: Double, context: ExceptionOutcome? = nil) {
        self.id = id
        self.tenantID = tenantID
        self.exceptionID = exceptionID
        self.playbookID = playbookID
        self.reason = reason
        self.requestedAt = requestedAt
        self.deadline = deadline
        self.status = .pending
        self.context = context
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case id, tenantID = "tenantId", exceptionID = "exceptionId", playbookID = "playbookId", reason, requestedAt, deadline, status, decidedBy, comment, decidedAt, context
    }
}
