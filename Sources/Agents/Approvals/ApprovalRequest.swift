/// A request for a human decision before an exception's plan may run.
///
/// Times are UTC microseconds since 1970 (the library's one representation of an instant); the JSON keeps
/// carrying them as seconds (`requestedAt`, `deadline`, `decidedAt`), as it always has.
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
    /// When the request was made, UTC microseconds since 1970.
    public var requestedAtMicroseconds: Int64
    /// When the request expires and escalates, UTC microseconds since 1970.
    public var deadlineMicroseconds: Int64
    public var status: Status
    public var decidedBy: String?
    public var comment: String?
    /// When it was decided (or expired), UTC microseconds since 1970.
    public var decidedAtMicroseconds: Int64?
    /// What the pipeline needs to resume: the exception's outcome as it stood when approval was requested.
    public var context: ExceptionOutcome?

    public init(id: String, tenantID: String, exceptionID: String, playbookID: String?, reason: String,
                requestedAtMicroseconds: Int64, deadlineMicroseconds: Int64, context: ExceptionOutcome? = nil) {
        self.id = id
        self.tenantID = tenantID
        self.exceptionID = exceptionID
        self.playbookID = playbookID
        self.reason = reason
        self.requestedAtMicroseconds = requestedAtMicroseconds
        self.deadlineMicroseconds = deadlineMicroseconds
        self.status = .pending
        self.context = context
    }

    /// This request as the system expires it at `now` (UTC µs): not decided before its deadline, so escalated.
    public func expired(at now: Int64) -> ApprovalRequest {
        var request = self
        request.status = .expired
        request.decidedAtMicroseconds = now
        request.decidedBy = "system"
        request.comment = "not decided before the deadline: escalated"
        return request
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`; times are seconds.
    private enum CodingKeys: String, CodingKey {
        case id, tenantID = "tenantId", exceptionID = "exceptionId", playbookID = "playbookId", reason, requestedAt, deadline, status, decidedBy, comment, decidedAt, context
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        tenantID = try container.decode(String.self, forKey: .tenantID)
        exceptionID = try container.decode(String.self, forKey: .exceptionID)
        playbookID = try container.decodeIfPresent(String.self, forKey: .playbookID)
        reason = try container.decode(String.self, forKey: .reason)
        requestedAtMicroseconds = EpochSeconds.microseconds(try container.decode(Double.self, forKey: .requestedAt))
        deadlineMicroseconds = EpochSeconds.microseconds(try container.decode(Double.self, forKey: .deadline))
        status = try container.decode(Status.self, forKey: .status)
        decidedBy = try container.decodeIfPresent(String.self, forKey: .decidedBy)
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
        decidedAtMicroseconds = try container.decodeIfPresent(Double.self, forKey: .decidedAt).map(EpochSeconds.microseconds)
        context = try container.decodeIfPresent(ExceptionOutcome.self, forKey: .context)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(tenantID, forKey: .tenantID)
        try container.encode(exceptionID, forKey: .exceptionID)
        try container.encodeIfPresent(playbookID, forKey: .playbookID)
        try container.encode(reason, forKey: .reason)
        try container.encode(EpochSeconds.seconds(requestedAtMicroseconds), forKey: .requestedAt)
        try container.encode(EpochSeconds.seconds(deadlineMicroseconds), forKey: .deadline)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(decidedBy, forKey: .decidedBy)
        try container.encodeIfPresent(comment, forKey: .comment)
        try container.encodeIfPresent(decidedAtMicroseconds.map(EpochSeconds.seconds), forKey: .decidedAt)
        try container.encodeIfPresent(context, forKey: .context)
    }
}
