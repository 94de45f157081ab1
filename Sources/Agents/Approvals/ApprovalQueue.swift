import EventLog

/// Per-tenant approval queue: submit, approve, reject (with user and comment), expire overdue requests
/// (escalation), and history persisted through an ``ApprovalStore``.
///
/// ```swift
/// let queue = ApprovalQueue(store: InMemoryApprovalStore())
/// try await queue.submit(request)
/// let approved = try await queue.approve(tenantId: "acme", requestId: request.id, by: "ops-lead", comment: "ok")
/// ```
public actor ApprovalQueue {
    private let store: any ApprovalStore
    private let clock: @Sendable () -> Int64
    /// The requests (tenant, id) being decided through this queue now: a second decision while the first is being
    /// appended is refused, so a store that cannot refuse it itself (files, memory) behaves as a database does.
    private var deciding: Set<[String]> = []

    /// - Parameters:
    ///   - store: where every version of every request is appended.
    ///   - clock: UTC microseconds now; decision times and deadlines are measured with it.
    public init(store: any ApprovalStore, clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) {
        self.store = store
        self.clock = clock
    }

    /// Records a new pending request (straight to the store, which orders appends; no hop onto this actor).
    public nonisolated func submit(_ request: ApprovalRequest) async throws {
        try await store.append(request)
    }

    /// The tenant's requests in their latest state, oldest first.
    public func requests(tenantID: String) async throws -> [ApprovalRequest] {
        var latest: [String: ApprovalRequest] = [:]
        var order: [String] = []
        for record in try await store.history(tenantID: tenantID) where record.tenantID == tenantID {
            if latest[record.id] == nil { order.append(record.id) }
            latest[record.id] = record
        }
        return order.compactMap { latest[$0] }
    }

    /// One request in its latest state, or nil.
    public func request(tenantID: String, requestID: String) async throws -> ApprovalRequest? {
        try await store.history(tenantID: tenantID, requestID: requestID).last { $0.tenantID == tenantID }
    }

    /// The tenant's pending requests.
    public func pending(tenantID: String) async throws -> [ApprovalRequest] {
        try await requests(tenantID: tenantID).filter { $0.status == .pending }
    }

    /// Approves a pending request; the pipeline then resumes from Resolution.
    public func approve(tenantID: String, requestID: String, by user: String, comment: String? = nil) async throws -> ApprovalRequest {
        try await decide(tenantID: tenantID, requestID: requestID, status: .approved, user: user, comment: comment)
    }

    /// Rejects a pending request.
    public func reject(tenantID: String, requestID: String, by user: String, comment: String? = nil) async throws -> ApprovalRequest {
        try await decide(tenantID: tenantID, requestID: requestID, status: .rejected, user: user, comment: comment)
    }

    /// Marks every overdue pending request of the tenant as expired and returns them, for escalation.
    public func expireOverdue(tenantID: String) async throws -> [ApprovalRequest] {
        let now = clock()
        var expired: [ApprovalRequest] = []
        for pending in try await pending(tenantID: tenantID) where pending.deadlineMicroseconds <= now {
            let request = pending.expired(at: now)
            try await store.append(request)
            expired.append(request)
        }
        return expired
    }

    /// The age of the oldest pending request, or zero.
    public func oldestPendingAge(tenantID: String) async throws -> Duration {
        let now = clock()
        let oldest = try await pending(tenantID: tenantID).map(\.requestedAtMicroseconds).min()
        return oldest.map { .microseconds(max(0, now - $0)) } ?? .zero
    }

    private func decide(tenantID: String, requestID: String, status: ApprovalRequest.Status, user: String,
                        comment: String?) async throws -> ApprovalRequest {
        let key = [tenantID, requestID]
        guard deciding.insert(key).inserted else {
            throw AgentsError(.invalidState, "approval request \(requestID) is being decided")
        }
        defer { deciding.remove(key) }
        guard var request = try await request(tenantID: tenantID, requestID: requestID) else {
            throw AgentsError(.notFound, "no approval request \(requestID) for tenant \(tenantID)")
        }
        guard request.status == .pending else {
            throw AgentsError(.invalidState, "approval request \(requestID) is already \(request.status.rawValue)")
        }
        request.status = status
        request.decidedBy = user
        request.comment = comment
        request.decidedAtMicroseconds = clock()
        try await store.append(request)
        return request
    }
}
