import EventLog
import Foundation
import GRDB

/// The versioned schema of a Tracewise SQLite database. Migrations are applied in order when a store opens
/// and are never edited once released: a change is a new migration appended at the end.
///
/// One database file holds every tenant, each row carrying its tenant (see docs/decisions/sqlite-tenancy.md):
/// a worker's claim of a job, the outcome it records, its audit records and its tool-call idempotency keys
/// commit in one SQLite transaction, which separate files per tenant could not give in WAL mode.
public enum SQLiteSchema {
    /// Migration identifiers, oldest first.
    public static var versions: [String] { migrator.migrations }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-event-logs") { db in
            try db.execute(sql: """
                CREATE TABLE logs (
                    id INTEGER PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    name TEXT NOT NULL,
                    cases INTEGER NOT NULL,
                    events INTEGER NOT NULL,
                    fingerprint TEXT NOT NULL,
                    imported_at INTEGER NOT NULL,
                    classifier BLOB NOT NULL,
                    provenance BLOB NOT NULL,
                    header BLOB NOT NULL,
                    UNIQUE (tenant, name)
                );
                CREATE TABLE log_activities (
                    log_id INTEGER NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                    code INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    PRIMARY KEY (log_id, code)
                ) WITHOUT ROWID;
                CREATE TABLE log_resources (
                    log_id INTEGER NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                    code INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    PRIMARY KEY (log_id, code)
                ) WITHOUT ROWID;
                CREATE TABLE cases (
                    tenant TEXT NOT NULL,
                    log_id INTEGER NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                    case_index INTEGER NOT NULL,
                    name TEXT,
                    attributes BLOB NOT NULL,
                    PRIMARY KEY (log_id, case_index)
                ) WITHOUT ROWID;
                CREATE TABLE events (
                    tenant TEXT NOT NULL,
                    log_id INTEGER NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                    case_index INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    activity INTEGER NOT NULL,
                    ts INTEGER,
                    resource INTEGER,
                    attributes BLOB NOT NULL,
                    PRIMARY KEY (log_id, case_index, position)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-results-exceptions-jobs") { db in
            try db.execute(sql: """
                CREATE TABLE analysis_results (
                    tenant TEXT NOT NULL,
                    log_name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    parameters_key TEXT NOT NULL,
                    parameters BLOB NOT NULL,
                    log_fingerprint TEXT NOT NULL,
                    provenance BLOB NOT NULL,
                    payload BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (tenant, log_name, kind, parameters_key)
                ) WITHOUT ROWID;
                CREATE TABLE exception_outcomes (
                    tenant TEXT NOT NULL,
                    exception_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    outcome BLOB NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (tenant, exception_id)
                ) WITHOUT ROWID;
                CREATE INDEX exception_outcomes_by_status ON exception_outcomes (tenant, status, exception_id);
                CREATE TABLE exception_status_history (
                    id INTEGER PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    exception_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX exception_status_history_by_exception ON exception_status_history (tenant, exception_id, id);
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    dedupe_key TEXT,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    max_attempts INTEGER NOT NULL,
                    last_error TEXT,
                    lease_owner TEXT,
                    lease_expires_at INTEGER,
                    run_at INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    UNIQUE (tenant, dedupe_key)
                );
                CREATE INDEX jobs_claimable ON jobs (run_at, id) WHERE state = 'queued';
                CREATE INDEX jobs_leased ON jobs (lease_expires_at, id) WHERE state = 'running';
                CREATE INDEX jobs_by_state ON jobs (state, id);
                """)
        }
        migrator.registerMigration("v3-packs-tool-calls-audit") { db in
            try db.execute(sql: """
                CREATE TABLE pack_bundles (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    bundle BLOB NOT NULL,
                    PRIMARY KEY (tenant, id)
                ) WITHOUT ROWID;
                CREATE TABLE tool_calls (
                    tenant TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    exception_id TEXT NOT NULL,
                    job_id INTEGER NOT NULL,
                    outcome BLOB NOT NULL,
                    PRIMARY KEY (tenant, idempotency_key)
                ) WITHOUT ROWID;
                CREATE INDEX tool_calls_by_exception ON tool_calls (tenant, exception_id);
                CREATE TABLE audit_records (
                    tenant TEXT NOT NULL,
                    chain TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    line BLOB NOT NULL,
                    PRIMARY KEY (tenant, chain, seq)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5-source-state") { db in
            try db.execute(sql: """
                CREATE TABLE source_states (
                    tenant TEXT NOT NULL,
                    source TEXT NOT NULL,
                    document BLOB NOT NULL,
                    PRIMARY KEY (tenant, source)
                ) WITHOUT ROWID;
                CREATE TABLE source_pulls (
                    tenant TEXT NOT NULL,
                    source TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    report BLOB NOT NULL,
                    PRIMARY KEY (tenant, source, seq)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v6-approvals") { db in
            try db.execute(sql: """
                CREATE TABLE approval_requests (
                    id INTEGER PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    bundle TEXT,
                    request BLOB NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    UNIQUE (tenant, request_id, version)
                );
                CREATE INDEX approval_requests_by_tenant ON approval_requests (tenant, id);
                """)
        }
        // Attributes move from one blob per event and case to columns (see SQLiteStore+EventLogStore); logs
        // stored before are converted, then the blobs are dropped.
        migrator.registerMigration("v7-attribute-columns") { db in
            try db.execute(sql: """
                CREATE TABLE log_attribute_columns (
                    tenant TEXT NOT NULL,
                    log_id INTEGER NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                    level TEXT NOT NULL,
                    ordinal INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    segment INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (log_id, level, ordinal, segment)
                ) WITHOUT ROWID;
                ALTER TABLE cases ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
                """)
            for row in try Row.fetchAll(db, sql: "SELECT id, tenant FROM logs ORDER BY id") {
                let logID: Int64 = row[0]
                let traces = try Data.fetchAll(db, sql: "SELECT attributes FROM cases WHERE log_id = ? ORDER BY case_index",
                                               arguments: [logID]).map { try AttributeCodec.decode(Array($0)) }
                let events = try Row.fetchAll(db, sql: "SELECT case_index, attributes FROM events WHERE log_id = ? ORDER BY case_index, position",
                                              arguments: [logID]).map { event -> (caseIndex: Int, attributes: [Attribute]) in
                    (event[0], try AttributeCodec.decode(Array(event[1] as Data)))
                }
                try SQLiteStore.writeColumns(of: AttributeColumnCodec.log(traceRows: traces, eventRows: events), tenant: row[1],
                                             logID: logID, db: db)
            }
            try db.execute(sql: """
                UPDATE cases SET events = (SELECT COUNT(*) FROM events e WHERE e.log_id = cases.log_id AND e.case_index = cases.case_index);
                ALTER TABLE events DROP COLUMN attributes;
                ALTER TABLE cases DROP COLUMN attributes;
                """)
        }
        // Pack documents (domain packs, tenant policy packs, registry state) move into the database so every
        // process sharing the store shares the packs (SQLiteStore+PackStore).
        migrator.registerMigration("v8-pack-documents") { db in
            try db.execute(sql: """
                CREATE TABLE pack_documents (
                    tenant TEXT NOT NULL,
                    domain TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    version TEXT NOT NULL,
                    document BLOB NOT NULL,
                    written_at INTEGER NOT NULL,
                    PRIMARY KEY (tenant, domain, kind, version)
                ) WITHOUT ROWID;
                """)
        }
        // The similar-case memory (SQLiteStore+MemoryStore): `position` orders entries as first remembered (what a
        // full bucket forgets first), `change` the saves (what another process has not seen yet).
        migrator.registerMigration("v9-memory") { db in
            try db.execute(sql: """
                CREATE TABLE memory_entries (
                    tenant TEXT NOT NULL,
                    entry_id TEXT NOT NULL,
                    exception_type TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    change INTEGER NOT NULL,
                    entry BLOB NOT NULL,
                    vector BLOB NOT NULL,
                    PRIMARY KEY (tenant, entry_id)
                ) WITHOUT ROWID;
                CREATE INDEX memory_entries_by_type ON memory_entries (tenant, exception_type, position);
                CREATE INDEX memory_entries_by_change ON memory_entries (tenant, change);
                """)
        }
        // The service's API keys (SQLiteStore+APIKeyStore): only the SHA-256 of each key; the unique index on the
        // hash makes the lookup every request does one index probe. The service's tenant audit chains need no
        // table: they are chain `tenant` of `audit_records` (SQLiteStore+AuditChainStore).
        migrator.registerMigration("v10-api-keys") { db in
            try db.execute(sql: """
                CREATE TABLE api_keys (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    role TEXT NOT NULL,
                    secret_hash TEXT NOT NULL,
                    label TEXT,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (tenant, id)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX api_keys_by_hash ON api_keys (secret_hash);
                """)
        }
        return migrator
    }
}
