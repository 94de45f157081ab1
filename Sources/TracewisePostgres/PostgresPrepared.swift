import Agents
import PostgresNIO

/// The statements a worker runs for every batch — transaction control, the tenant scope, the claim, the finish's
/// update and `unnest` inserts, the memory refresh and the tool-call ledger read — as named prepared statements.
///
/// postgres-nio parses each on a connection the first time that connection runs it and afterwards sends only
/// `Bind`/`Execute`: PostgreSQL skips parsing, analysing and rewriting, and (after five custom plans, when the generic
/// plan costs no more) planning too. Unnamed statements paid all four on every call: ~16 % of the server's CPU in a
/// worker run (session 6 profile). The statements read no per-call SQL text, so every value is a parameter, and each
/// name is the statement's own: a different SQL text needs a different name.
///
/// A statement that fails to *parse* on a connection stays failed on that connection (postgres-nio remembers the
/// error), so these are run only on a healthy transaction of a fully migrated database — as the stores do: a failed
/// statement ends its transaction by throwing, and stores are used only after ``PostgresSchema/migrate(_:upTo:)``.
enum PostgresPrepared {
    /// `BEGIN`.
    struct Begin: PostgresPreparedStatement {
        static let name = "tracewise_begin"
        static let sql = "BEGIN"
        typealias Row = ()
        func makeBindings() -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// `COMMIT`.
    struct Commit: PostgresPreparedStatement {
        static let name = "tracewise_commit"
        static let sql = "COMMIT"
        typealias Row = ()
        func makeBindings() -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// Switches the transaction to the `tracewise_tenant` role and sets `tracewise.tenant`, so row-level security
    /// confines every later statement of the transaction to the tenant's rows. Returns one row: the two settings.
    struct ScopeToTenant: PostgresPreparedStatement {
        static let name = "tracewise_scope_to_tenant"
        static let sql = "SELECT set_config('role', 'tracewise_tenant', true), set_config('tracewise.tenant', $1, true)"
        typealias Row = (String, String)
        let tenant: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(tenant)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Queues one job unless the tenant already has a job with its dedupe key; returns the new job's id (no row when
    /// the key was taken).
    struct EnqueueJob: PostgresPreparedStatement {
        static let name = "tracewise_enqueue_job"
        static let sql = """
            INSERT INTO jobs (tenant, kind, payload, dedupe_key, state, attempts, max_attempts, run_at, created_at)
            VALUES ($1, $2, $3, $4, 'queued', 0, $5, \(PostgresStore.now), \(PostgresStore.now))
            ON CONFLICT (tenant, dedupe_key) DO NOTHING RETURNING id
            """
        static let bindingDataTypes: [PostgresDataType] = [.text, .text, .bytea, .text, .int8]
        typealias Row = Int64
        let job: NewJob

        init(_ job: NewJob) { self.job = job }

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(job.tenantID)
            bindings.append(job.kind)
            bindings.append(ByteBuffer(bytes: job.payload))
            bindings.append(job.dedupeKey)
            bindings.append(Int64(job.maxAttempts))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64.self) }
    }

    /// Leases up to `limit` due jobs to `worker` (see ``PostgresStore/claim(worker:limit:lease:)``): the queued and the
    /// expired jobs each read in its partial index's order, the first `limit` by due time taken; a job out of attempts
    /// is dead-lettered instead. Its transaction's commit does not wait for the WAL flush.
    struct ClaimJobs: PostgresPreparedStatement {
        static let name = "tracewise_claim_jobs"
        static let sql = """
            WITH now AS MATERIALIZED (SELECT \(PostgresStore.now) AS t, set_config('synchronous_commit', 'off', true) AS durability),
            queued AS (
                SELECT id, run_at AS due FROM jobs WHERE state = 'queued' AND run_at <= (SELECT t FROM now)
                ORDER BY run_at, id LIMIT (SELECT $1) FOR UPDATE SKIP LOCKED
            ),
            expired AS (
                SELECT id, lease_expires_at AS due FROM jobs WHERE state = 'running' AND lease_expires_at <= (SELECT t FROM now)
                ORDER BY lease_expires_at, id LIMIT (SELECT $1) FOR UPDATE SKIP LOCKED
            ),
            candidates AS (
                SELECT id FROM (SELECT * FROM queued UNION ALL SELECT * FROM expired) due ORDER BY due, id LIMIT (SELECT $1)
            )
            UPDATE jobs j SET
                state = CASE WHEN j.attempts >= j.max_attempts THEN 'dead_lettered' ELSE 'running' END,
                attempts = CASE WHEN j.attempts >= j.max_attempts THEN j.attempts ELSE j.attempts + 1 END,
                lease_owner = CASE WHEN j.attempts >= j.max_attempts THEN NULL ELSE $2 END,
                lease_expires_at = CASE WHEN j.attempts >= j.max_attempts THEN NULL ELSE (SELECT t FROM now) + $3 END,
                last_error = CASE WHEN j.attempts >= j.max_attempts
                    THEN COALESCE(j.last_error, 'lease expired on the last attempt') ELSE j.last_error END
            FROM candidates c WHERE j.id = c.id
            RETURNING j.id, j.tenant, j.kind, j.payload, j.dedupe_key, j.attempts, j.max_attempts, j.state, j.lease_expires_at
            """
        typealias Row = (Int64, String, String, ByteBuffer, String?, Int, Int, String, Int64?)
        let limit: Int64
        let worker: String
        let leaseMicroseconds: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(limit)
            bindings.append(worker)
            bindings.append(leaseMicroseconds)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Marks the jobs `worker` still holds succeeded; returns their ids.
    struct CompleteJobs: PostgresPreparedStatement {
        static let name = "tracewise_complete_jobs"
        static let sql = """
            UPDATE jobs SET state = 'succeeded', lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ANY($1::bigint[]) AND state = 'running' AND lease_owner = $2 RETURNING id
            """
        typealias Row = Int64
        let ids: [Int64]
        let worker: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(ids)
            bindings.append(worker)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64.self) }
    }

    /// Upserts one tenant's latest outcomes (one per exception id).
    struct UpsertOutcomes: PostgresPreparedStatement {
        static let name = "tracewise_upsert_outcomes"
        static let sql = """
            INSERT INTO exception_outcomes (tenant, exception_id, status, outcome, updated_at)
            SELECT $1, e, s, o, $5 FROM unnest($2::text[], $3::text[], $4::bytea[]) AS u(e, s, o)
            ON CONFLICT (tenant, exception_id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
                updated_at = EXCLUDED.updated_at
            """
        typealias Row = ()
        let tenant: String
        let exceptionIDs: [String]
        let statuses: [String]
        let outcomes: [ByteBuffer]
        let at: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(tenant)
            bindings.append(exceptionIDs)
            bindings.append(statuses)
            bindings.append(outcomes)
            bindings.append(at)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// Appends one tenant's status changes.
    struct InsertStatusChanges: PostgresPreparedStatement {
        static let name = "tracewise_insert_status_changes"
        static let sql = """
            INSERT INTO exception_status_history (tenant, exception_id, status, run_id, at)
            SELECT $1, e, s, r, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS u(e, s, r)
            """
        typealias Row = ()
        let tenant: String
        let exceptionIDs: [String]
        let statuses: [String]
        let runIDs: [String]
        let at: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(tenant)
            bindings.append(exceptionIDs)
            bindings.append(statuses)
            bindings.append(runIDs)
            bindings.append(at)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// Records one tenant's succeeded tool calls in the idempotency ledger (a key already there is kept).
    struct InsertToolCalls: PostgresPreparedStatement {
        static let name = "tracewise_insert_tool_calls"
        static let sql = """
            INSERT INTO tool_calls (tenant, idempotency_key, exception_id, job_id, outcome)
            SELECT $1, k, e, j, o FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bytea[]) AS t(k, e, j, o)
            ON CONFLICT DO NOTHING
            """
        typealias Row = ()
        let tenant: String
        let keys: [String]
        let exceptionIDs: [String]
        let jobIDs: [Int64]
        let outcomes: [ByteBuffer]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(tenant)
            bindings.append(keys)
            bindings.append(exceptionIDs)
            bindings.append(jobIDs)
            bindings.append(outcomes)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// Appends one tenant's audit lines, each to its chain at its sequence number.
    struct InsertAuditLines: PostgresPreparedStatement {
        static let name = "tracewise_insert_audit_lines"
        static let sql = """
            INSERT INTO audit_records (tenant, chain, seq, line)
            SELECT $1, c, s, l FROM unnest($2::text[], $3::integer[], $4::bytea[]) AS t(c, s, l)
            """
        typealias Row = ()
        let tenant: String
        let chains: [String]
        let sequenceNumbers: [Int32]
        let lines: [ByteBuffer]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            bindings.append(tenant)
            bindings.append(chains)
            bindings.append(sequenceNumbers)
            bindings.append(lines)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// Upserts one tenant's memory entries; a replaced entry keeps its position and records the saving transaction.
    struct UpsertMemory: PostgresPreparedStatement {
        static let name = "tracewise_upsert_memory"
        static let sql = """
            INSERT INTO memory_entries (tenant, entry_id, exception_type, entry, vector)
            SELECT $1, i, t, e, v FROM unnest($2::text[], $3::text[], $4::bytea[], $5::bytea[]) AS u(i, t, e, v)
            ON CONFLICT (tenant, entry_id) DO UPDATE SET exception_type = EXCLUDED.exception_type, entry = EXCLUDED.entry,
                vector = EXCLUDED.vector, change = pg_current_xact_id()
            """
        typealias Row = ()
        let batch: MemoryBatch

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(batch.tenant)
            bindings.append(batch.ids)
            bindings.append(batch.types)
            bindings.append(batch.entries)
            bindings.append(batch.vectors)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// Deletes, oldest first and at most `limit`, a tenant's memory entries beyond the `keepPerType` latest per type
    /// (the rows `loadMemory` leaves out), and counts them. `newer` — how many of the type's entries come after the row
    /// by `position` — is the load's `ROW_NUMBER() … ORDER BY position DESC` minus one (positions are unique), counted
    /// in ascending order so that both steps read only the index `memory_entries_by_type`: the ranking an index-only
    /// scan in its order (no sort), the delete one probe per row (docs/storage.md, "Pruning").
    struct PruneMemory: PostgresPreparedStatement {
        static let name = "tracewise_prune_memory"
        static let sql = """
            WITH doomed AS (
                SELECT exception_type, position FROM (
                    SELECT exception_type, position,
                           COUNT(*) OVER (PARTITION BY exception_type)
                               - ROW_NUMBER() OVER (PARTITION BY exception_type ORDER BY position) AS newer
                    FROM memory_entries WHERE tenant = $1) AS ranked
                WHERE newer >= $2 ORDER BY position LIMIT $3),
            deleted AS (
                DELETE FROM memory_entries m USING doomed
                WHERE m.tenant = $1 AND m.exception_type = doomed.exception_type AND m.position = doomed.position
                RETURNING 1)
            SELECT count(*) FROM deleted
            """
        typealias Row = Int64
        let tenant: String
        let keepPerType: Int64
        let limit: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(tenant)
            bindings.append(keepPerType)
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64.self) }
    }

    /// The oldest transaction running now (every older one has ended), as a memory cursor.
    struct OldestRunningTransaction: PostgresPreparedStatement {
        static let name = "tracewise_oldest_running_transaction"
        static let sql = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
        typealias Row = Int64
        func makeBindings() -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64.self) }
    }

    /// The memory entries saved by transactions in `[from, to)`, in the order they were saved.
    struct MemoryChanges: PostgresPreparedStatement {
        static let name = "tracewise_memory_changes"
        static let sql = """
            SELECT entry, vector FROM memory_entries
            WHERE tenant = $1 AND change >= $2::text::xid8 AND change < $3::text::xid8
            ORDER BY change, position
            """
        typealias Row = (ByteBuffer, ByteBuffer)
        let tenant: String
        let from: Int64
        let to: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(tenant)
            bindings.append(String(from))
            bindings.append(String(to))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// An exception's succeeded tool calls (its idempotency ledger), in key order.
    struct SucceededToolCalls: PostgresPreparedStatement {
        static let name = "tracewise_succeeded_tool_calls"
        static let sql = """
            SELECT outcome FROM tool_calls WHERE tenant = $1 AND exception_id = $2 ORDER BY idempotency_key COLLATE "C"
            """
        typealias Row = ByteBuffer
        let tenant: String
        let exceptionID: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(tenant)
            bindings.append(exceptionID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(ByteBuffer.self) }
    }
}
