/// A job to enqueue: what to do (``kind`` and ``payload``), for which tenant, and how often to try.
public struct NewJob: Sendable, Hashable {
    public var tenantID: String
    /// What the payload is, e.g. ``JobKind/exception``; workers dispatch on it.
    public var kind: String
    /// The job's input, opaque to the queue (an exception's JSON for `exception` jobs).
    public var payload: [UInt8]
    /// Unique per tenant: enqueueing a second job with the same key returns the first job's id instead.
    public var dedupeKey: String?
    /// After this many failed attempts the job is dead-lettered instead of retried.
    public var maxAttempts: Int

    public init(tenantID: String, kind: String, payload: [UInt8], dedupeKey: String? = nil, maxAttempts: Int = 5) {
        self.tenantID = tenantID
        self.kind = kind
        self.payload = payload
        self.dedupeKey = dedupeKey
        self.maxAttempts = max(1, maxAttempts)
    }
}

/// Job kinds the Tracewise workers understand.
public enum JobKind {
    /// Run one exception through the pipeline; the payload is the exception's JSON.
    public static let exception = "exception"
    /// Continue an exception whose approval was decided; the payload is an ``ApprovalResumePayload``.
    public static let approvalResume = "exception-resume"
}
