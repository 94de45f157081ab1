import Agents
import EventLog
import Foundation
import Logging
import Packs
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
            try await store.write(Data(tenant.utf8), at: PackStoreKey(tenant: tenant, domain: "finance", kind: .domainPack, version: "1.0.0"))
            try await store.saveMemory([MemoryRecord(entry: MemoryEntry(id: "m-1", tenantID: tenant, text: "case"), vector: [1, 0])])
            try await store.insert(APIKeyStoreConformance.record("k-1", tenant: tenant, role: .admin, second: 1))
            try await StoredTenantAuditLog(store: store).sink(tenant: tenant).record(
                AuditEntry(timestamp: "2026-12-05T19:00:00Z", runID: "r", tenantID: tenant, exceptionID: nil, stage: "api"))
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
                          "log_attribute_keys", "log_attribute_values", "source_states", "source_pulls", "approval_requests",
                          "log_attribute_columns", "log_variants", "pack_documents", "memory_entries", "api_keys", "audit_records"] {
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
        XCTAssertEqual(seen["log_attribute_columns:tenant-a"], StoreConformanceLogs.varied(seed: 1).eventAttributes.columns.count
            + StoreConformanceLogs.varied(seed: 1).traceAttributes.columns.count)
        XCTAssertEqual(seen["log_variants:tenant-a"], Self.variantCount(StoreConformanceLogs.varied(seed: 1)))
        XCTAssertEqual(seen["log_attribute_keys:tenant-a"], 1)
        XCTAssertEqual(seen["log_attribute_values:tenant-a"], StoreConformanceLogs.varied(seed: 1).caseCount)
        XCTAssertEqual(seen["source_states:tenant-a"], 1)
        XCTAssertEqual(seen["source_pulls:tenant-a"], 2)
        XCTAssertEqual(seen["pack_documents:tenant-a"], 1)
        XCTAssertEqual(seen["memory_entries:tenant-a"], 1)
        XCTAssertEqual(seen["api_keys:tenant-a"], 1)
        XCTAssertEqual(seen["audit_records:tenant-a"], 1)

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
        if !versions.dropLast().contains(Self.attributeColumnsVersion) {
            try await Self.insertRowAttributeLog(log, name: "before-upgrade", tenant: "acme", database: database)
        } else {
            _ = try await previous.importLog(log, name: "before-upgrade", tenant: "acme")
        }
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

extension PostgresIsolationAndMigrationTests {
    /// The number of distinct activity sequences of `log`'s cases.
    static func variantCount(_ log: EventLog) -> Int {
        Set((0..<log.caseCount).map { Array(log.activityCodes[log.eventRange(ofCase: $0)]) }).count
    }

    /// The migration that moved attributes from one blob per event and case into columns.
    static let attributeColumnsVersion = "v7-attribute-columns"
    /// The last schema that kept each event's and case's attributes as one blob per row.
    static var lastRowAttributeVersion: String {
        let versions = PostgresSchema.versions
        return versions[versions.firstIndex(of: attributeColumnsVersion)! - 1]
    }

    /// Logs stored before `v7-attribute-columns` are rewritten as attribute columns by the upgrade and load back equal, empty
    /// cases, mixed-type columns and meta-attributes included.
    func testRowAttributeLogsStoredBeforeTheColumnMigrationLoadEqualAfterTheUpgrade() async throws {
        let database = try await PostgresTestDatabase.create()
        let old = try await PostgresStore(configuration: database.configuration, migratingUpTo: Self.lastRowAttributeVersion)
        old.close()
        let logs = [StoreConformanceLogs.varied(seed: 21), StoreConformanceLogs.varied(seed: 22)]
        for (i, log) in logs.enumerated() {
            try await Self.insertRowAttributeLog(log, name: "old-\(i)", tenant: i == 0 ? "acme" : "globex", database: database)
        }
        let upgraded = try await PostgresStore(configuration: database.configuration)
        defer { upgraded.close() }
        EventLogStoreConformance.assertSameLog(try await upgraded.load("old-0", tenant: "acme"), logs[0])
        EventLogStoreConformance.assertSameLog(try await upgraded.load("old-1", tenant: "globex"), logs[1])
        let variants = try await upgraded.variants(of: "old-0", tenant: "acme")
        XCTAssertEqual(variants.reduce(0) { $0 + $1.count }, logs[0].caseCount)
        try await database.drop()
    }

    /// Writes `log` in the layout before `v7-attribute-columns` (one ``AttributeCodec`` blob per event and case).
    static func insertRowAttributeLog(_ log: EventLog, name: String, tenant: String, database: PostgresTestDatabase) async throws {
        let info = StoredLogInfo(name: name, log: log, importedAtMicroseconds: 0)
        let classifier = ByteBuffer(data: try StoreJSON.encode(log.classifier))
        let provenance = ByteBuffer(data: try StoreJSON.encode(log.provenance))
        let header = ByteBuffer(bytes: AttributeCodec.encode(log.header))
        try await database.withConnection { connection in
            let logger = Logger(label: "test")
            var logID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO logs (tenant, name, cases, events, fingerprint, imported_at, classifier, provenance, header)
                VALUES (\(tenant), \(name), \(info.cases), \(Int64(info.events)), \(info.fingerprint), 0, \(classifier), \(provenance), \(header))
                RETURNING id
                """, logger: logger).decode(Int64.self) {
                logID = id
            }
            for (code, activity) in log.activityNames.enumerated() {
                try await connection.query("INSERT INTO log_activities VALUES (\(tenant), \(logID), \(code), \(activity))", logger: logger)
            }
            for (code, resource) in log.resourceNames.enumerated() {
                try await connection.query("INSERT INTO log_resources VALUES (\(tenant), \(logID), \(code), \(resource))", logger: logger)
            }
            for c in 0..<log.caseCount {
                let caseAttributes = ByteBuffer(bytes: AttributeCodec.encode(log.traceAttributes.attributes(atRow: c)))
                try await connection.query("""
                    INSERT INTO cases (tenant, log_id, case_index, name, attributes) VALUES (\(tenant), \(logID), \(c), \(log.caseID(c)), \(caseAttributes))
                    """, logger: logger)
                for (position, e) in log.eventRange(ofCase: c).enumerated() {
                    let ts = log.timestamps[e]
                    let resource = log.resourceCodes[e]
                    let attributes = ByteBuffer(bytes: AttributeCodec.encode(log.eventAttributes.attributes(atRow: e)))
                    try await connection.query("""
                        INSERT INTO events (tenant, log_id, case_index, position, activity, ts, resource, attributes)
                        VALUES (\(tenant), \(logID), \(c), \(position), \(Int(log.activityCodes[e])), \(ts == Timestamp.missing ? nil : ts),
                                \(resource < 0 ? nil : Int(resource)), \(attributes))
                        """, logger: logger)
                }
            }
            return ()
        }
    }
}

/// Editing one stored audit record with hand-written SQL is caught and named by verification.
final class PostgresAuditTamperTests: XCTestCase {
    func testUpdatingOneAuditRowIsNamedByVerification() async throws {
        try await withStore { store, flipByte in try await AuditTamperCheck.run(store, tamper: flipByte) }
    }

    func testUpdatingOneTenantChainRowIsNamedByVerification() async throws {
        try await withStore { store, flipByte in try await TenantAuditLogConformance.runTamper(store, tamper: flipByte) }
    }

    /// A store on a fresh database, and a hand-written UPDATE that flips one byte of the stored record
    /// (tenant, chain, sequence) near its end.
    private func withStore(
        _ body: (PostgresStore, @escaping @Sendable (String, String, Int) async throws -> Void) async throws -> Void
    ) async throws {
        let database = try await PostgresTestDatabase.create()
        let store = try await PostgresStore(configuration: database.configuration)
        try await body(store) { tenant, chain, sequence in
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
