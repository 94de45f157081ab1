import Agents
import EventLog
import Foundation
import PostgresNIO

/// The job queue shared by every worker process: a claim locks due jobs with `FOR UPDATE SKIP LOCKED`, so
/// concurrent claims never block on or double-take a job. It reads the queued and the expired jobs each in
/// the order of its partial index (`jobs_claimable`, `jobs_leased`), at most `limit` of each, and takes the
/// `limit` due first — the same jobs as one scan sorted by due time, without reading and sorting every
/// queued job per claim. Times come from the database clock
/// (`clock_timestamp()`), so workers on machines with skewed clocks agree on leases and retry times.
extension PostgresStore: JobQueue {
    /// The database's now in UTC microseconds, as SQL.
    static let now = "(extract(epoch from clock_timestamp()) * 1000000)::bigint"

    public func enqueue(_ jobs: [NewJob]) async throws -> [Int64] {
        for job in jobs {
            try StoreError.validate(job.tenantID, as: "tenant")
            try StoreError.validate(job.kind, as: "job kind")
            if let key = job.dedupeKey { try StoreError.validate(key, as: "dedupe key") }
        }
        let logger = self.logger
        let ids = try await transaction { connection in
            var ids: [Int64] = []
            ids.reserveCapacity(jobs.count)
            for job in jobs {
                var id: Int64?
                for try await inserted in try await connection.execute(PostgresPrepared.EnqueueJob(job), logger: logger) {
                    id = inserted
                }
                if id == nil {
                    for try await existing in try await connection.query("""
                        SELECT id FROM jobs WHERE tenant = \(job.tenantID) AND dedupe_key = \(job.dedupeKey)
                        """, logger: logger).decode(Int64.self) {
                        id = existing
                    }
                }
                guard let id else { throw StoreError(.backend, "a job insert was ignored without a conflicting job") }
                ids.append(id)
            }
            return ids
        }
        if jobs.count >= Self.analyzeAfterEnqueuing {
            // Fresh statistics keep the claim on the partial indexes: planned on a table the planner believes
            // small, it reads and sorts every queued job each time.
            try await withConnection { connection in _ = try await connection.query("ANALYZE jobs", logger: logger) }
        }
        return ids
    }

    /// Jobs enqueued at once after which the queue's statistics are refreshed.
    static let analyzeAfterEnqueuing = 1_000

    public func claim(worker: String, limit: Int, lease: Duration) async throws -> [ClaimedJob] {
        try StoreError.validate(worker, as: "worker")
        let leaseMicroseconds = lease.wholeMicroseconds
        let logger = self.logger
        return try await withConnection { connection in
            // One statement, so one round trip in its own transaction. A claim records no result: if the server loses it
            // in a crash, the job is simply queued again (a worker that acted on it cannot commit — its connection died
            // with the server — and a later `finish`, which waits for its flush, makes the claim's earlier WAL durable
            // too). So its commit need not wait for the WAL flush (`synchronous_commit` off for this statement's
            // transaction, set in its first clause); every `finish` (outcome, audit chain, tool-call ledger) still does.
            // The statement is `PostgresPrepared.ClaimJobs`.
            var claimed: [ClaimedJob] = []
            let statement = PostgresPrepared.ClaimJobs(limit: Int64(max(0, limit)), worker: worker, leaseMicroseconds: leaseMicroseconds)
            for try await (id, tenant, kind, payload, dedupeKey, attempts, maxAttempts, state, expires) in try await connection.execute(
                statement, logger: logger) {
                guard state == JobState.running.rawValue, let expires else { continue }
                claimed.append(ClaimedJob(id: id, tenantID: tenant, kind: kind, payload: payload.bytes, dedupeKey: dedupeKey,
                                          attempt: attempts, maxAttempts: maxAttempts, leaseExpiresAtMicroseconds: expires))
            }
            return claimed.sorted { $0.id < $1.id }
        }
    }

    public func heartbeat(_ id: Int64, worker: String, lease: Duration) async throws {
        let leaseMicroseconds = lease.wholeMicroseconds
        let logger = self.logger
        try await withConnection { connection in
            try await Self.requireLease(try await connection.query("""
                UPDATE jobs SET lease_expires_at = \(unescaped: Self.now) + \(leaseMicroseconds)
                WHERE id = \(id) AND state = 'running' AND lease_owner = \(worker) RETURNING id
                """, logger: logger), id: id)
        }
    }

    public func complete(_ id: Int64, worker: String) async throws {
        let logger = self.logger
        try await withConnection { connection in try await Self.complete(id, worker: worker, connection: connection, logger: logger) }
    }

    /// Marks the job succeeded on `connection` (inside the caller's transaction when there is one).
    static func complete(_ id: Int64, worker: String, connection: PostgresConnection, logger: Logger) async throws {
        try await requireLease(try await connection.query("""
            UPDATE jobs SET state = 'succeeded', lease_owner = NULL, lease_expires_at = NULL
            WHERE id = \(id) AND state = 'running' AND lease_owner = \(worker) RETURNING id
            """, logger: logger), id: id)
    }

    public func fail(_ id: Int64, worker: String, error: String, retryAfter: Duration) async throws -> JobFailureDisposition {
        let retryMicroseconds = retryAfter.wholeMicroseconds
        let logger = self.logger
        return try await withConnection { connection in
            for try await (state, runAt) in try await connection.query("""
                UPDATE jobs SET
                    state = CASE WHEN attempts >= max_attempts THEN 'dead_lettered' ELSE 'queued' END,
                    run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE \(unescaped: Self.now) + \(retryMicroseconds) END,
                    last_error = \(error), lease_owner = NULL, lease_expires_at = NULL
                WHERE id = \(id) AND state = 'running' AND lease_owner = \(worker) RETURNING state, run_at
                """, logger: logger).decode((String, Int64).self) {
                return state == JobState.deadLettered.rawValue ? .deadLettered : .retrying(runAtMicroseconds: runAt)
            }
            throw StoreError(.leaseLost, "worker does not hold the lease of job \(id)")
        }
    }

    /// Queued, running and dead-lettered jobs are counted from their partial indexes; succeeded ones are the rest of
    /// the table (one count of all rows): the queue keeps no index by state, which every job's two state changes
    /// would have to update.
    public func counts() async throws -> JobCounts {
        let logger = self.logger
        return try await withConnection { connection in
            for try await (queued, running, expired, dead, all) in try await connection.query("""
                WITH now AS MATERIALIZED (SELECT \(unescaped: Self.now) AS t)
                SELECT (SELECT COUNT(*) FROM jobs WHERE state = 'queued'),
                       (SELECT COUNT(*) FROM jobs WHERE state = 'running'),
                       (SELECT COUNT(*) FROM jobs WHERE state = 'running' AND lease_expires_at <= (SELECT t FROM now)),
                       (SELECT COUNT(*) FROM jobs WHERE state = 'dead_lettered'),
                       (SELECT COUNT(*) FROM jobs)
                """, logger: logger).decode((Int, Int, Int, Int, Int).self) {
                return JobCounts(queued: queued, running: running, succeeded: all - queued - running - dead, deadLettered: dead,
                                 expiredLeases: expired)
            }
            throw StoreError(.backend, "PostgreSQL returned no job counts")
        }
    }

    /// Two probes of the partial indexes of queued and running jobs: no scan of finished jobs, however many.
    ///
    /// Each probe asks for the first job in its index's order (`ORDER BY … LIMIT 1`), which only the index gives
    /// without a sort. `EXISTS (… WHERE state = 'queued')` let the planner pick a sequential scan whenever the
    /// statistics — refreshed after a large enqueue — still counted many queued jobs: with every job since finished,
    /// that scan read the whole table (12–60 ms per call on 10,000–60,000 jobs, called by each idle worker loop).
    public func hasUnfinishedJobs() async throws -> Bool {
        let logger = self.logger
        return try await withConnection { connection in
            for try await unfinished in try await connection.query("""
                SELECT (SELECT id FROM jobs WHERE state = 'queued' ORDER BY run_at, id LIMIT 1) IS NOT NULL
                    OR (SELECT id FROM jobs WHERE state = 'running' ORDER BY lease_expires_at, id LIMIT 1) IS NOT NULL
                """, logger: logger).decode(Bool.self) {
                return unfinished
            }
            return false
        }
    }

    public func jobs(in state: JobState, limit: Int) async throws -> [JobRecord] {
        let logger = self.logger
        return try await withConnection { connection in
            var records: [JobRecord] = []
            for try await (id, tenant, kind, dedupeKey, attempts, maxAttempts, lastError, owner, expires, runAt) in try await connection.query("""
                SELECT id, tenant, kind, dedupe_key, attempts, max_attempts, last_error, lease_owner, lease_expires_at, run_at
                FROM jobs WHERE state = \(state.rawValue) ORDER BY id LIMIT \(max(0, limit))
                """, logger: logger).decode((Int64, String, String, String?, Int, Int, String?, String?, Int64?, Int64).self) {
                records.append(JobRecord(id: id, tenantID: tenant, kind: kind, dedupeKey: dedupeKey, state: state, attempts: attempts,
                                         maxAttempts: maxAttempts, lastError: lastError, leaseOwner: owner,
                                         leaseExpiresAtMicroseconds: expires, runAtMicroseconds: runAt))
            }
            return records
        }
    }

    public func retryDeadLettered(_ id: Int64) async throws -> Bool {
        let logger = self.logger
        return try await withConnection { connection in
            for try await _ in try await connection.query("""
                UPDATE jobs SET state = 'queued', attempts = 0, run_at = \(unescaped: Self.now)
                WHERE id = \(id) AND state = 'dead_lettered' RETURNING id
                """, logger: logger) {
                return true
            }
            return false
        }
    }

    private static func requireLease(_ rows: PostgresRowSequence, id: Int64) async throws {
        for try await _ in rows { return }
        throw StoreError(.leaseLost, "worker does not hold the lease of job \(id)")
    }
}
