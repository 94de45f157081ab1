import EventLog

/// The job queue of one process, in memory: the same leases, retries and dead letters as the durable
/// queues, for tests and hosts that need no persistence.
public actor InMemoryJobQueue: JobQueue {
    private struct Entry {
        var job: NewJob
        var record: JobRecord
    }

    private var entries: [Entry] = []
    private var byDedupeKey: [String: [String: Int64]] = [:]
    private let clock: @Sendable () -> Int64

    /// - Parameter clock: UTC microseconds now; leases and retry times are measured with it.
    public init(clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) {
        self.clock = clock
    }

    public func enqueue(_ jobs: [NewJob]) throws -> [Int64] {
        for job in jobs {
            try StoreError.validate(job.tenantID, as: "tenant")
            try StoreError.validate(job.kind, as: "job kind")
            if let key = job.dedupeKey { try StoreError.validate(key, as: "dedupe key") }
        }
        let now = clock()
        return jobs.map { job in
            if let key = job.dedupeKey, let existing = byDedupeKey[job.tenantID]?[key] { return existing }
            let id = Int64(entries.count + 1)
            entries.append(Entry(job: job, record: JobRecord(
                id: id, tenantID: job.tenantID, kind: job.kind, dedupeKey: job.dedupeKey, state: .queued, attempts: 0,
                maxAttempts: job.maxAttempts, lastError: nil, leaseOwner: nil, leaseExpiresAtMicroseconds: nil,
                runAtMicroseconds: now)))
            if let key = job.dedupeKey { byDedupeKey[job.tenantID, default: [:]][key] = id }
            return id
        }
    }

    public func claim(worker: String, limit: Int, lease: Duration) throws -> [ClaimedJob] {
        try StoreError.validate(worker, as: "worker")
        let now = clock()
        var claimed: [ClaimedJob] = []
        let due = entries.indices.filter { index in
            let record = entries[index].record
            switch record.state {
            case .queued: return record.runAtMicroseconds <= now
            case .running: return (record.leaseExpiresAtMicroseconds ?? .min) <= now
            case .succeeded, .deadLettered: return false
            }
        }.sorted { (entries[$0].record.runAtMicroseconds, $0) < (entries[$1].record.runAtMicroseconds, $1) }
        for index in due where claimed.count < limit {
            var record = entries[index].record
            if record.attempts >= record.maxAttempts {
                record.state = .deadLettered
                record.lastError = record.lastError ?? "lease expired on the last attempt"
                record.leaseOwner = nil
                record.leaseExpiresAtMicroseconds = nil
                entries[index].record = record
                continue
            }
            record.state = .running
            record.attempts += 1
            record.leaseOwner = worker
            record.leaseExpiresAtMicroseconds = now + lease.wholeMicroseconds
            entries[index].record = record
            let job = entries[index].job
            claimed.append(ClaimedJob(id: record.id, tenantID: job.tenantID, kind: job.kind, payload: job.payload,
                                      dedupeKey: job.dedupeKey, attempt: record.attempts, maxAttempts: record.maxAttempts,
                                      leaseExpiresAtMicroseconds: now + lease.wholeMicroseconds))
        }
        return claimed
    }

    public func heartbeat(_ id: Int64, worker: String, lease: Duration) throws {
        let index = try held(id, by: worker)
        entries[index].record.leaseExpiresAtMicroseconds = clock() + lease.wholeMicroseconds
    }

    public func complete(_ id: Int64, worker: String) throws {
        let index = try held(id, by: worker)
        entries[index].record.state = .succeeded
        entries[index].record.leaseOwner = nil
        entries[index].record.leaseExpiresAtMicroseconds = nil
    }

    public func fail(_ id: Int64, worker: String, error: String, retryAfter: Duration) throws -> JobFailureDisposition {
        let index = try held(id, by: worker)
        var record = entries[index].record
        record.lastError = error
        record.leaseOwner = nil
        record.leaseExpiresAtMicroseconds = nil
        defer { entries[index].record = record }
        if record.attempts >= record.maxAttempts {
            record.state = .deadLettered
            return .deadLettered
        }
        record.state = .queued
        record.runAtMicroseconds = clock() + retryAfter.wholeMicroseconds
        return .retrying(runAtMicroseconds: record.runAtMicroseconds)
    }

    public func counts() -> JobCounts {
        let now = clock()
        var counts = JobCounts()
        for entry in entries {
            switch entry.record.state {
            case .queued: counts.queued += 1
            case .running:
                counts.running += 1
                if (entry.record.leaseExpiresAtMicroseconds ?? .min) <= now { counts.expiredLeases += 1 }
            case .succeeded: counts.succeeded += 1
            case .deadLettered: counts.deadLettered += 1
            }
        }
        return counts
    }

    public func jobs(in state: JobState, limit: Int) -> [JobRecord] {
        Array(entries.lazy.map(\.record).filter { $0.state == state }.prefix(max(0, limit)))
    }

    public func retryDeadLettered(_ id: Int64) -> Bool {
        guard let index = entries.firstIndex(where: { $0.record.id == id }), entries[index].record.state == .deadLettered else {
            return false
        }
        entries[index].record.state = .queued
        entries[index].record.attempts = 0
        entries[index].record.runAtMicroseconds = clock()
        return true
    }

    private func held(_ id: Int64, by worker: String) throws -> Int {
        guard id >= 1, id <= Int64(entries.count) else { throw StoreError(.notFound, "no job \(id)") }
        let index = Int(id - 1)
        let record = entries[index].record
        guard record.state == .running, record.leaseOwner == worker else {
            throw StoreError(.leaseLost, "worker does not hold the lease of job \(id)")
        }
        return index
    }
}
