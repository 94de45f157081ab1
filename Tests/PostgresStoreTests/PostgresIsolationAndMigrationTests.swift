import Agents
import EventLog
import Logging
import PostgresNIO
import PostgresTestSupport
import StoreConformance
import TracewisePostgres
import XCTest

/// Row-level security holds against hand-written SQL, and migrations run from empty and from the previous version.
final class PostgresIsolationAndMigrationTests: XCTestCase {
    func testTenantScopedConnectionCannotReadOtherTenantsRows() async throws {
        let database = try await PostgresTestDatabase.create()
        let store = try await PostgresStore(configuration: database.configuration)
        defer { store.close() }
        _ = try await store.importLog(StoreConformanceLogs.varied(seed: 1), name: "a-log", tenant: "tenant-a")
        _ = try await store.importLog(StoreConformanceLogs.varied(seed: 2), name: "b-log", tenant: "tenant-b")
        try await store.record(ExceptionStoreConformance.outcome("E-1", tenant: "tenant-b", status: .resolved), runID: "r")
        for tenant in ["tenant-a", "tenant-b"] {
            try await store.saveSourceState(SourceState(document: Array(tenant.utf8), reports: [[1], [2]]), source: "jira", tenant: tenant)
            try await store.append(ApprovalRequest(id: "approval-1", tenantID: tenant, exceptionID: "E-1", playbookID: nil, reason: "r",
                                                   requestedAtMicroseconds: 0, deadlineMicroseconds: 1), bundle: "b")
        }
        // An attribute filter builds each log's value index under its tenant.
        let byCase = StoredLogFilter(attribute: .init(key: "concept:name", values: [.string("no such case")], scope: .trace))
        _ = try await store.variants(of: "a-log", tenant: "tenant-a", filter: byCase)
        _ = try await store.variants(of: "b-log", tenant: "tenant-b", filter: byCase)

        let seen = try await database.withConnection { connection -> [String: Int] in
            let logger = Logger(label: "test")
            try await connection.query("SET ROLE tracewise_tenant", logger: logger)
            try await connection.query("SELECT set_config('tracewise.tenant', 'tenant-a', false)", logger: logger)
            var counts: [String: Int] = [:]
            for table in ["logs", "log_activities", "cases", "events", "exception_outcomes", "exception_status_history",
                          "log_attribute_keys", "log_attribute_values", "source_states", "source_pulls", "approval_requests"] {
                for try await (tenant, n) in try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT tenant, COUNT(*)::bigint FROM \(table) WHERE tenant IN ('tenant-a', 'tenant-b') OR TRUE GROUP BY tenant
                    """), logger: logger).decode((String, Int).self) {
                    counts["\(table):\(tenant)"] = n
                }
            }
            // Writing a row for another tenant is refused by the policy's WITH CHECK.
            do {
                try await connection.query("""
                    INSERT INTO exception_status_history (tenant, exception_id, status, run_id, at) VALUES ('tenant-b', 'X', 'OPEN', 'r', 0)
                    """, logger: logger)
                counts["insert-accepted"] = 1
            } catch {}
            return counts
        }
        XCTAssertNil(seen["insert-accepted"], "a tenant-a connection must not insert tenant-b rows")
        XCTAssertTrue(seen.keys.allSatisfy { $0.hasSuffix(":tenant-a") }, "saw other tenants' rows: \(seen.keys.sorted())")
        XCTAssertEqual(seen["logs:tenant-a"], 1)
        XCTAssertEqual(seen["events:tenant-a"], StoreConformanceLogs.varied(seed: 1).eventCount)
        XCTAssertNil(seen["exception_outcomes:tenant-b"])
        XCTAssertEqual(seen["approval_requests:tenant-a"], 1)
        XCTAssertEqual(seen["log_attribute_keys:tenant-a"], 1)
        XCTAssertEqual(seen["log_attribute_values:tenant-a"], StoreConformanceLogs.varied(seed: 1).caseCount)
        XCTAssertEqual(seen["source_states:tenant-a"], 1)
        XCTAssertEqual(seen["source_pulls:tenant-a"], 2)

        // Without a tenant set, the role sees nothing at all.
        let unscoped = try await database.withConnection { connection -> Int in
            try await connection.query("SET ROLE tracewise_tenant", logger: Logger(label: "test"))
            for try await n in try await connection.query("SELECT COUNT(*)::bigint FROM events", logger: Logger(label: "test")).decode(Int.self) {
                return n
            }
            return -1
        }
        XCTAssertEqual(unscoped, 0)
        try await database.drop()
    }

    func testMigratesFromEmptyAndFromThePreviousVersion() async throws {
        let database = try await PostgresTestDatabase.create()
        let versions = PostgresSchema.versions
        XCTAssertGreaterThanOrEqual(versions.count, 2)
        let previous = try await PostgresStore(configuration: database.configuration, migratingUpTo: versions[versions.count - 2])
        let appliedBefore = try await previous.appliedMigrations()
        XCTAssertEqual(appliedBefore, Array(versions.dropLast()).sorted())
        let log = StoreConformanceLogs.varied(seed: 5)
        _ = try await previous.importLog(log, name: "before-upgrade", tenant: "acme")
        previous.close()

        let upgraded = try await PostgresStore(configuration: database.configuration)
        defer { upgraded.close() }
        let appliedAfter = try await upgraded.appliedMigrations()
        XCTAssertEqual(appliedAfter, versions.sorted())
        EventLogStoreConformance.assertSameLog(try await upgraded.load("before-upgrade", tenant: "acme"), log)
        try await ExceptionStoreConformance.run(upgraded)

        // A second store starting against the migrated database applies nothing and agrees.
        let again = try await PostgresStore(configuration: database.configuration)
        let appliedAgain = try await again.appliedMigrations()
        XCTAssertEqual(appliedAgain, versions.sorted())
        again.close()
        try await database.drop()
    }
}

/// Editing one stored audit record with hand-written SQL is caught and named by verification.
final class PostgresAuditTamperTests: XCTestCase {
    func testUpdatingOneAuditRowIsNamedByVerification() async throws {
        let database = try await PostgresTestDatabase.create()
        let store = try await PostgresStore(configuration: database.configuration)
        try await AuditTamperCheck.run(store) { tenant, chain, sequence in
            try await database.withConnection { connection in
                try await connection.query("""
                    UPDATE audit_records SET line = overlay(line PLACING '\\x01'::bytea FROM length(line) - 10 FOR 1)
                    WHERE tenant = \(tenant) AND chain = \(chain) AND seq = \(sequence)
                    """, logger: Logger(label: "test"))
                return ()
            }
        }
        store.close()
        try await database.drop()
    }
}
