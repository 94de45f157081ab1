import Agents
import EventLog
import Foundation
import GRDB

/// The job queue in one SQLite transaction per call: SQLite serializes writers, so a claim's select and
/// update cannot interleave with another claim, even from another process on the same file.
extension SQLiteStore: JobQueue {
    public func enqueue(_ jobs: [NewJob]) async throws -> [Int64] {
        for job in jobs {
            try StoreError.validate(job.tenantID, as: "tenant")
            try StoreError.validate(job.kind, as: "job kind")
            if let key = job.dedupeKey { try StoreError.validate(key, as: "dedupe key") }
        }
        let now = clock()
        return try await write { db in
            let insert = try db.makeStatement(sql: """
                INSERT INTO jobs (tenant, kind, payload, dedupe_key, state, attempts, max_attempts, run_at, created_at)
                VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?) ON CONFLICT (tenant, dedupe_key) DO NOTHING
                """)
            return try jobs.map { job in
                insert.setUncheckedArguments([job.tenantID, job.kind, Data(job.payload), job.dedupeKey, job.maxAttempts, now, now])
                try insert.execute()
                if db.changesCount == 1 { return db.lastInsertedRowID }
                guard let existing = try Int64.fetchOne(db, sql: "SELECT id FROM jobs WHERE tenant = ? AND dedupe_key = ?",
                                                        arguments: [job.tenantID, job.dedupeKey]) else {
                    throw StoreError(.backend, "a job insert was ignored without a conflicting job")
                }
                return existing
            }
        }
    }

    public func claim(worker: String, limit: Int, lease: Duration) async throws -> [ClaimedJob] {
        try StoreError.validate(worker, as: "worker")
        let now = clock()
        let expires = now + lease.wholeMicroseconds
        return try await write { db in
            let candidates = try Row.fetchAll(db, sql: """
                SELECT id, attempts, max_attempts, run_at FROM jobs WHERE state = 'queued' AND run_at <= ?1
                UNION ALL
                SELECT id, attempts, max_attempts, lease_expires_at FROM jobs WHERE state = 'running' AND lease_expires_at <= ?1
                ORDER BY 4, 1 LIMIT ?2
                """, arguments: [now, max(0, limit)])
            var claimed: [ClaimedJob] = []
            for row in candidates where claimed.count < limit {
                let id: Int64 = row[0]
                let attempts: Int = row[1]
                let maxAttempts: Int = row[2]
                if attempts >= maxAttempts {
                    try db.execute(sql: """
                        UPDATE jobs SET state = 'dead_lettered', lease_owner = NULL, lease_expires_at = NULL,
                            last_error = COALESCE(last_error, 'lease expired on the last attempt') WHERE id = ?
                        """, arguments: [id])
                    continue
                }
                try db.execute(sql: """
                    UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_expires_at = ? WHERE id = ?
                    """, arguments: [worker, expires, id])
                guard let job = try Row.fetchOne(db, sql: "SELECT tenant, kind, payload, dedupe_key FROM jobs WHERE id = ?",
                                                 arguments: [id]) else { continue }
                claimed.append(ClaimedJob(id: id, tenantID: job[0], kind: job[1], payload: Array(job[2] as Data), dedupeKey: job[3],
                                          attempt: attempts + 1, maxAttempts: maxAttempts, leaseExpiresAtMicroseconds: expires))
            }
            return claimed
        }
    }

    public func heartbeat(_ id: Int64, worker: String, lease: Duration) async throws {
        let expires = clock() + lease.wholeMicroseconds
        try await write { db in
            try db.execute(sql: "UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND state = 'running' AND lease_owner = ?",
                           arguments: [expires, id, worker])
            try Self.requireLease(db, id: id)
        }
    }

    public func complete(_ id: Int64, worker: String) async throws {
        try await write { db in try Self.complete(id, worker: worker, in: db) }
    }

    /// Marks the job succeeded inside the caller's transaction.
    static func complete(_ id: Int64, worker: String, in db: Database) throws {
        try db.execute(sql: """
            UPDATE jobs SET state = 'succeeded', lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ? AND state = 'running' AND lease_owner = ?
            """, arguments: [id, worker])
        try requireLease(db, id: id)
    }

    public func fail(_ id: Int64, worker: String, error: String, retryAfter: Duration) async throws -> JobFailureDisposition {
        let runAt = clock() + retryAfter.wholeMicroseconds
        return try await write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT attempts, max_attempts FROM jobs WHERE id = ? AND state = 'running' AND lease_owner = ?
                """, arguments: [id, worker]) else {
                throw StoreError(.leaseLost, "worker does not hold the lease of job \(id)")
            }
            let attempts: Int = row[0]
            let maxAttempts: Int = row[1]
            if attempts >= maxAttempts {
                try db.execute(sql: """
                    UPDATE jobs SET state = 'dead_lettered', last_error = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?
                    """, arguments: [error, id])
                return .deadLettered
            }
            try db.execute(sql: """
                UPDATE jobs SET state = 'queued', last_error = ?, lease_owner = NULL, lease_expires_at = NULL, run_at = ? WHERE id = ?
                """, arguments: [error, runAt, id])
            return .retrying(runAtMicroseconds: runAt)
        }
    }

    public func counts() async throws -> JobCounts {
        let now = clock()
        return try await run { db in
            var counts = JobCounts()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM jobs GROUP BY state") {
                let n: Int = row[1]
                switch JobState(rawValue: row[0]) {
                case .queued: counts.queued = n
                case .running: counts.running = n
                case .succeeded: counts.succeeded = n
                case .deadLettered: counts.deadLettered = n
                case nil: throw StoreError(.corrupt, "unknown job state")
                }
            }
            counts.expiredLeases = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM jobs WHERE state = 'running' AND lease_expires_at <= ?
                """, arguments: [now]) ?? 0
            return counts
        }
    }

    /// Two probes of the partial indexes of queued and running jobs: no scan of finished jobs, however many.
    public func hasUnfinishedJobs() async throws -> Bool {
        try await run { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'queued') OR EXISTS (SELECT 1 FROM jobs WHERE state = 'running')
                """) ?? false
        }
    }

    public func jobs(in state: JobState, limit: Int) async throws -> [JobRecord] {
        try await run { db in
            try Row.fetchAll(db, sql: """
                SELECT id, tenant, kind, dedupe_key, attempts, max_attempts, last_error, lease_owner, lease_expires_at, run_at
                FROM jobs WHERE state = ? ORDER BY id LIMIT ?
                """, arguments: [state.rawValue, max(0, limit)]).map { row in
                JobRecord(id: row[0], tenantID: row[1], kind: row[2], dedupeKey: row[3], state: state, attempts: row[4],
                          maxAttempts: row[5], lastError: row[6], leaseOwner: row[7], leaseExpiresAtMicroseconds: row[8],
                          runAtMicroseconds: row[9])
            }
        }
    }

    public func retryDeadLettered(_ id: Int64) async throws -> Bool {
        let now = clock()
        return try await write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'queued', attempts = 0, run_at = ? WHERE id = ? AND state = 'dead_lettered'
                """, arguments: [now, id])
            return db.changesCount == 1
        }
    }

    private static func requireLease(_ db: Database, id: Int64) throws {
        guard db.changesCount == 1 else { throw StoreError(.leaseLost, "worker does not hold the lease of job \(id)") }
    }
}
