/// What the queue shows about a job for operators: its state, attempts, last error and lease.
public struct JobRecord: Sendable, Codable, Hashable {
    public var id: Int64
    public var tenantID: String
    public var kind: String
    public var dedupeKey: String?
    public var state: JobState
    /// Attempts started so far.
    public var attempts: Int
    public var maxAttempts: Int
    /// The last failure's message (no payload data).
    public var lastError: String?
    /// The worker holding the lease while `running`.
    public var leaseOwner: String?
    /// UTC microseconds; while `running`, a past value means the worker stopped heartbeating (a stuck job
    /// that the next claim takes over).
    public var leaseExpiresAtMicroseconds: Int64?
    /// UTC microseconds: when a `queued` job becomes claimable.
    public var runAtMicroseconds: Int64

    public init(id: Int64, tenantID: String, kind: String, dedupeKey: String?, state: JobState, attempts: Int,
                maxAttempts: Int, lastError: String?, leaseOwner: String?, leaseExpiresAtMicroseconds: Int64?,
                runAtMicroseconds: Int64) {
        self.id = id
        self.tenantID = tenantID
        self.kind = kind
        self.dedupeKey = dedupeKey
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.lastError = lastError
        self.leaseOwner = leaseOwner
        self.leaseExpiresAtMicroseconds = leaseExpiresAtMicroseconds
        self.runAtMicroseconds = runAtMicroseconds
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case id, tenantID = "tenantId", kind, dedupeKey, state, attempts, maxAttempts, lastError, leaseOwner, leaseExpiresAtMicroseconds, runAtMicroseconds
    }
}

/// How many jobs are in each state, and how many running ones have an expired lease (stuck).
public struct JobCounts: Sendable, Codable, Hashable {
    public var queued: Int
    public var running: Int
    public var succeeded: Int
    public var deadLettered: Int
    /// Running jobs whose lease has expired: their worker died or hangs.
    public var expiredLeases: Int

    public init(queued: Int = 0, running: Int = 0, succeeded: Int = 0, deadLettered: Int = 0, expiredLeases: Int = 0) {
        self.queued = queued
        self.running = running
        self.succeeded = succeeded
        self.deadLettered = deadLettered
        self.expiredLeases = expiredLeases
    }
}

/// What ``JobQueue/fail(_:worker:error:retryAfter:)`` did with the job.
public enum JobFailureDisposition: Sendable, Hashable {
    /// Queued again; claimable from `runAtMicroseconds`.
    case retrying(runAtMicroseconds: Int64)
    /// The job used its last attempt and was moved to the dead letters.
    case deadLettered
}
