import EventLog
import PostgresNIO

/// The versioned schema of a Tracewise PostgreSQL database. Migrations run in order when a store connects,
/// each in its own transaction under an advisory lock (so concurrent starts apply each exactly once), and
/// are never edited once released: a change is a new migration appended at the end.
public enum PostgresSchema {
    /// Migration identifiers, oldest first.
    public static var versions: [String] { migrations.map(\.version) }

    /// The tables whose rows belong to one tenant; each gets the row-level security policy.
    static let tenantTables: [String: String] = [
        "v1-event-logs": "logs log_activities log_resources cases events",
        "v2-results-exceptions-jobs": "analysis_results exception_outcomes exception_status_history jobs",
        "v3-packs-tool-calls-audit": "pack_bundles tool_calls audit_records",
        "v4-attribute-index": "log_attribute_keys log_attribute_values",
        "v5-source-state": "source_states source_pulls",
        "v6-approvals": "approval_requests",
        "v7-attribute-columns": "log_attribute_columns log_variants",
        "v8-pack-documents": "pack_documents",
        "v9-memory": "memory_entries",
        "v10-api-keys": "api_keys",
    ]

    static let migrations: [(version: String, sql: [String])] = [
        ("v1-event-logs", [
            """
            DO $$ BEGIN
                CREATE ROLE tracewise_tenant NOLOGIN NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
            """,
            """
            CREATE TABLE logs (
                id BIGSERIAL PRIMARY KEY,
                tenant TEXT NOT NULL,
                name TEXT NOT NULL,
                cases INTEGER NOT NULL,
                events BIGINT NOT NULL,
                fingerprint TEXT NOT NULL,
                imported_at BIGINT NOT NULL,
                classifier BYTEA NOT NULL,
                provenance BYTEA NOT NULL,
                header BYTEA NOT NULL,
                UNIQUE (tenant, name)
            )
            """,
            """
            CREATE TABLE log_activities (
                tenant TEXT NOT NULL,
                log_id BIGINT NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                code INTEGER NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (log_id, code)
            )
            """,
            """
            CREATE TABLE log_resources (
                tenant TEXT NOT NULL,
                log_id BIGINT NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                code INTEGER NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (log_id, code)
            )
            """,
            """
            CREATE TABLE cases (
                tenant TEXT NOT NULL,
                log_id BIGINT NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                case_index INTEGER NOT NULL,
                name TEXT,
                attributes BYTEA NOT NULL,
                PRIMARY KEY (log_id, case_index)
            )
            """,
            """
            CREATE TABLE events (
                tenant TEXT NOT NULL,
                log_id BIGINT NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                case_index INTEGER NOT NULL,
                position INTEGER NOT NULL,
                activity INTEGER NOT NULL,
                ts BIGINT,
                resource INTEGER,
                attributes BYTEA NOT NULL,
                PRIMARY KEY (log_id, case_index, position)
            )
            """,
        ]),
        ("v2-results-exceptions-jobs", [
            """
            CREATE TABLE analysis_results (
                tenant TEXT NOT NULL,
                log_name TEXT NOT NULL,
                kind TEXT NOT NULL,
                parameters_key TEXT NOT NULL,
                parameters BYTEA NOT NULL,
                log_fingerprint TEXT NOT NULL,
                provenance BYTEA NOT NULL,
                payload BYTEA NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (tenant, log_name, kind, parameters_key)
            )
            """,
            """
            CREATE TABLE exception_outcomes (
                tenant TEXT NOT NULL,
                exception_id TEXT NOT NULL,
                status TEXT NOT NULL,
                outcome BYTEA NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant, exception_id)
            )
            """,
            "CREATE INDEX exception_outcomes_by_status ON exception_outcomes (tenant, status, exception_id)",
            """
            CREATE TABLE exception_status_history (
                id BIGSERIAL PRIMARY KEY,
                tenant TEXT NOT NULL,
                exception_id TEXT NOT NULL,
                status TEXT NOT NULL,
                run_id TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX exception_status_history_by_exception ON exception_status_history (tenant, exception_id, id)",
            """
            CREATE TABLE jobs (
                id BIGSERIAL PRIMARY KEY,
                tenant TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload BYTEA NOT NULL,
                dedupe_key TEXT,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL,
                last_error TEXT,
                lease_owner TEXT,
                lease_expires_at BIGINT,
                run_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (tenant, dedupe_key)
            )
            """,
            "CREATE INDEX jobs_claimable ON jobs (run_at, id) WHERE state = 'queued'",
            "CREATE INDEX jobs_leased ON jobs (lease_expires_at, id) WHERE state = 'running'",
            "CREATE INDEX jobs_by_state ON jobs (state, id)",
        ]),
        ("v3-packs-tool-calls-audit", [
            """
            CREATE TABLE pack_bundles (
                tenant TEXT NOT NULL,
                id TEXT NOT NULL,
                bundle BYTEA NOT NULL,
                PRIMARY KEY (tenant, id)
            )
            """,
            """
            CREATE TABLE tool_calls (
                tenant TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                exception_id TEXT NOT NULL,
                job_id BIGINT NOT NULL,
                outcome BYTEA NOT NULL,
                PRIMARY KEY (tenant, idempotency_key)
            )
            """,
            "CREATE INDEX tool_calls_by_exception ON tool_calls (tenant, exception_id)",
            """
            CREATE TABLE audit_records (
                tenant TEXT NOT NULL,
                chain TEXT NOT NULL,
                seq INTEGER NOT NULL,
                line BYTEA NOT NULL,
                PRIMARY KEY (tenant, chain, seq)
            )
            """,
        ]),
        ("v4-attribute-index", [
            """
            CREATE TABLE log_attribute_keys (
                tenant TEXT NOT NULL,
                log_id BIGINT NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                scope TEXT NOT NULL,
                key TEXT NOT NULL,
                PRIMARY KEY (log_id, scope, key)
            )
            """,
            """
            CREATE TABLE log_attribute_values (
                tenant TEXT NOT NULL,
                log_id BIGINT NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                scope TEXT NOT NULL,
                key TEXT NOT NULL,
                case_index INTEGER NOT NULL,
                position INTEGER NOT NULL,
                value TEXT NOT NULL
            )
            """,
            "CREATE INDEX log_attribute_values_by_value ON log_attribute_values (log_id, scope, key, value)",
            "CREATE INDEX log_attribute_values_by_event ON log_attribute_values (log_id, scope, key, case_index, position)",
        ]),
        ("v5-source-state", [
            """
            CREATE TABLE source_states (
                tenant TEXT NOT NULL,
                source TEXT NOT NULL,
                document BYTEA NOT NULL,
                PRIMARY KEY (tenant, source)
            )
            """,
            """
            CREATE TABLE source_pulls (
                tenant TEXT NOT NULL,
                source TEXT NOT NULL,
                seq INTEGER NOT NULL,
                report BYTEA NOT NULL,
                PRIMARY KEY (tenant, source, seq)
            )
            """,
        ]),
        ("v6-approvals", [
            """
            CREATE TABLE approval_requests (
                id BIGSERIAL PRIMARY KEY,
                tenant TEXT NOT NULL,
                request_id TEXT NOT NULL,
                version SMALLINT NOT NULL,
                status TEXT NOT NULL,
                bundle TEXT,
                request BYTEA NOT NULL,
                recorded_at BIGINT NOT NULL,
                UNIQUE (tenant, request_id, version)
            )
            """,
            "CREATE INDEX approval_requests_by_tenant ON approval_requests (tenant, id)",
        ]),
        // Attributes move from one blob per event and case to columns, and each case's variant is identified
        // at import (see PostgresStore+EventLogStore, CaseVariants); logs stored before are converted by
        // ``convertRowAttributes(_:logger:)``, which also drops the blobs.
        ("v7-attribute-columns", [
            """
            CREATE TABLE log_attribute_columns (
                tenant TEXT NOT NULL,
                log_id BIGINT NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                level TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                key TEXT NOT NULL,
                segment INTEGER NOT NULL,
                data BYTEA NOT NULL,
                PRIMARY KEY (log_id, level, ordinal, segment)
            )
            """,
            """
            CREATE TABLE log_variants (
                tenant TEXT NOT NULL,
                log_id BIGINT NOT NULL REFERENCES logs(id) ON DELETE CASCADE,
                variant INTEGER NOT NULL,
                activities INTEGER[] NOT NULL,
                PRIMARY KEY (log_id, variant)
            )
            """,
            "ALTER TABLE cases ADD COLUMN events INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE cases ADD COLUMN variant INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE events DROP CONSTRAINT events_log_id_fkey",
            "ALTER TABLE cases DROP CONSTRAINT cases_log_id_fkey",
        ]),
        // Pack documents (domain packs, tenant policy packs, registry state), shared by every process
        // (PostgresStore+PackStore).
        ("v8-pack-documents", [
            """
            CREATE TABLE pack_documents (
                tenant TEXT NOT NULL,
                domain TEXT NOT NULL,
                kind TEXT NOT NULL,
                version TEXT NOT NULL,
                document BYTEA NOT NULL,
                written_at BIGINT NOT NULL,
                PRIMARY KEY (tenant, domain, kind, version)
            )
            """,
        ]),
        // The similar-case memory (PostgresStore+MemoryStore): `position` orders entries as first remembered (what a
        // full bucket forgets first); `change` is the transaction that last saved the row, which readers compare
        // with the oldest running transaction so no commit is skipped.
        ("v9-memory", [
            "CREATE SEQUENCE memory_entries_position",
            """
            CREATE TABLE memory_entries (
                tenant TEXT NOT NULL,
                entry_id TEXT NOT NULL,
                exception_type TEXT NOT NULL,
                position BIGINT NOT NULL DEFAULT nextval('memory_entries_position'),
                change XID8 NOT NULL DEFAULT pg_current_xact_id(),
                entry BYTEA NOT NULL,
                vector BYTEA NOT NULL,
                PRIMARY KEY (tenant, entry_id)
            )
            """,
            "CREATE INDEX memory_entries_by_type ON memory_entries (tenant, exception_type, position)",
            "CREATE INDEX memory_entries_by_change ON memory_entries (tenant, change)",
        ]),
        // The service's API keys (PostgresStore+APIKeyStore): only the SHA-256 of each key. Listing, creating and
        // deleting run under the tenant's row-level security; the lookup every request does (by hash, before the
        // tenant is known) runs as the store's own role and is one probe of the unique hash index. The service's
        // tenant audit chains need no table: they are chain `tenant` of `audit_records` (PostgresStore+AuditChainStore).
        ("v10-api-keys", [
            """
            CREATE TABLE api_keys (
                tenant TEXT NOT NULL,
                id TEXT NOT NULL,
                role TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                label TEXT,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (tenant, id)
            )
            """,
            "CREATE UNIQUE INDEX api_keys_by_hash ON api_keys (secret_hash)",
        ]),
        // Cheaper job state changes and outcomes (docs/decisions/worker-throughput.md): every job changes state twice
        // (claimed, finished), and each change of an indexed column writes a new entry into every index of the row;
        // `jobs_by_state` served only counts and listings, which the partial indexes and a dead-letter index serve now.
        // Outcomes (~3 KB of JSON) are compressed with lz4 instead of pglz where the server has it.
        ("v11-queue-throughput", [
            "DROP INDEX jobs_by_state",
            "CREATE INDEX jobs_dead_lettered ON jobs (id) WHERE state = 'dead_lettered'",
            """
            DO $$ BEGIN
                ALTER TABLE exception_outcomes ALTER COLUMN outcome SET COMPRESSION lz4;
            EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
            END $$
            """,
        ]),
    ]

    /// The statements that put `table` under row-level security for `tracewise_tenant`.
    static func isolation(of table: String) -> [String] {
        [
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
            """
            CREATE POLICY tenant_isolation ON \(table) TO tracewise_tenant
                USING (tenant = current_setting('tracewise.tenant', true))
                WITH CHECK (tenant = current_setting('tracewise.tenant', true))
            """,
            "GRANT SELECT, INSERT, UPDATE, DELETE ON \(table) TO tracewise_tenant",
        ]
    }

    /// Applies the migrations not yet applied, up to `version` (all when nil).
    static func migrate(_ store: PostgresStore, upTo version: String?) async throws {
        let logger = store.logger
        try await store.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7311313)", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS tracewise_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<String> = []
            for try await row in try await connection.query("SELECT version FROM tracewise_migrations", logger: logger).decode(String.self) {
                applied.insert(row)
            }
            if let unknown = applied.first(where: { !versions.contains($0) }) {
                throw StoreError(.unsupportedSchema, "the database has migration '\(unknown)' this build does not know")
            }
            for migration in migrations {
                if !applied.contains(migration.version) {
                    var statements = migration.sql
                    for table in (tenantTables[migration.version] ?? "").split(separator: " ") {
                        statements += isolation(of: String(table))
                    }
                    statements.append("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tracewise_tenant")
                    statements.append("GRANT tracewise_tenant TO CURRENT_USER")
                    for statement in statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    if migration.version == "v7-attribute-columns" { try await convertRowAttributes(connection, logger: logger) }
                    try await connection.query("INSERT INTO tracewise_migrations (version) VALUES (\(migration.version))", logger: logger)
                }
                if migration.version == version { break }
            }
        }
    }
}
