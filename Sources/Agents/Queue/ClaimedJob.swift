/// A job a worker holds under a lease: it must ``JobQueue/heartbeat(_:worker:lease:)`` before the lease
/// expires, then ``JobQueue/complete(_:worker:)`` or ``JobQueue/fail(_:worker:error:retryAfter:)``.
public struct ClaimedJob: Sendable, Hashable {
    public var id: Int64
    public var tenantID: String
    public var kind: String
    public var payload: [UInt8]
    public var dedupeKey: String?
    /// This attempt's number, 1-based. Above 1 means an earlier attempt failed or its worker vanished.
    public var attempt: Int
    public var maxAttempts: Int
    /// UTC microseconds.
    public var leaseExpiresAtMicroseconds: Int64

    public init(id: Int64, tenantID: String, kind: String, payload: [UInt8], dedupeKey: String?, attempt: Int,
                maxAttempts: Int, leaseExpiresAtMicroseconds: Int64) {
        self.id = id
        self.tenantID = tenantID
        self.kind = kind
        self.payload = payload
        self.dedupeKey = dedupeKey
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.leaseExpiresAtMicroseconds = leaseExpiresAtMicroseconds
    }
}
