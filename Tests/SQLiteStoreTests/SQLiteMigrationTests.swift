import Agents
import EventLog
import Foundation
import GRDB
import StoreConformance
import TracewiseSQLite
import XCTest

/// Migrations from an empty database and from the previous schema version.
final class SQLiteMigrationTests: XCTestCase {
    private func path() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory.appendingPathComponent("store.sqlite").path
    }

    func testFromEmptyAppliesEveryMigration() async throws {
        let store = try SQLiteStore(path: try path())
        let applied = try await store.appliedMigrations()
        XCTAssertEqual(applied, SQLiteSchema.versions.sorted())
        XCTAssertGreaterThanOrEqual(SQLiteSchema.versions.count, 2)
    }

    func testFromThePreviousVersionKeepsData() async throws {
        let path = try path()
        let versions = SQLiteSchema.versions
        let previous = try SQLiteStore(path: path, migratingUpTo: versions[versions.count - 2])
        let applied = try await previous.appliedMigrations()
        XCTAssertEqual(applied, Array(versions.dropLast()).sorted())
        let log = StoreConformanceLogs.varied(seed: 11)
        if !versions.dropLast().contains(Self.attributeColumnsVersion) {
            try await Self.insertRowAttributeLog(log, name: "before-upgrade", tenant: "acme", path: path)
        } else {
            _ = try await previous.importLog(log, name: "before-upgrade", tenant: "acme")
        }

        let upgraded = try SQLiteStore(path: path)
        let all = try await upgraded.appliedMigrations()
        XCTAssertEqual(all, versions.sorted())
        EventLogStoreConformance.assertSameLog(try await upgraded.load("before-upgrade", tenant: "acme"), log)
        try await ExceptionStoreConformance.run(upgraded)
    }

    func testRefusesADatabaseFromANewerBuild() async throws {
        let path = try path()
        _ = try SQLiteStore(path: path)
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            XCTAssertEqual((error as? StoreError)?.code, .unsupportedSchema)
        }
    }

    /// The migration that moved attributes from one blob per event and case into columns.
    static let attributeColumnsVersion = "v7-attribute-columns"
    /// The last schema that kept each event's and case's attributes as one blob per row.
    static var lastRowAttributeVersion: String {
        let versions = SQLiteSchema.versions
        return versions[versions.firstIndex(of: attributeColumnsVersion)! - 1]
    }

    /// Logs stored before `v7-attribute-columns` are rewritten as attribute columns by the upgrade and load back equal.
    func testRowAttributeLogsStoredBeforeTheColumnMigrationLoadEqualAfterTheUpgrade() async throws {
        let path = try path()
        _ = try SQLiteStore(path: path, migratingUpTo: Self.lastRowAttributeVersion)
        let logs = [StoreConformanceLogs.varied(seed: 21), StoreConformanceLogs.varied(seed: 22)]
        for (i, log) in logs.enumerated() {
            try await Self.insertRowAttributeLog(log, name: "old-\(i)", tenant: i == 0 ? "acme" : "globex", path: path)
        }
        let upgraded = try SQLiteStore(path: path)
        EventLogStoreConformance.assertSameLog(try await upgraded.load("old-0", tenant: "acme"), logs[0])
        EventLogStoreConformance.assertSameLog(try await upgraded.load("old-1", tenant: "globex"), logs[1])
        let more = StoreConformanceLogs.varied(seed: 23)
        _ = try await upgraded.importLog(more, name: "new", tenant: "acme")
        EventLogStoreConformance.assertSameLog(try await upgraded.load("new", tenant: "acme"), more)
    }

    /// Writes `log` in the layout before `v7-attribute-columns` (one ``AttributeCodec`` blob per event and case).
    static func insertRowAttributeLog(_ log: EventLog, name: String, tenant: String, path: String) async throws {
        let info = StoredLogInfo(name: name, log: log, importedAtMicroseconds: 0)
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO logs (tenant, name, cases, events, fingerprint, imported_at, classifier, provenance, header)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)
                """, arguments: [tenant, name, info.cases, info.events, info.fingerprint, try StoreJSON.encode(log.classifier),
                                 try StoreJSON.encode(log.provenance), Data(AttributeCodec.encode(log.header))])
            let logID = db.lastInsertedRowID
            for (code, activity) in log.activityNames.enumerated() {
                try db.execute(sql: "INSERT INTO log_activities VALUES (?, ?, ?)", arguments: [logID, code, activity])
            }
            for (code, resource) in log.resourceNames.enumerated() {
                try db.execute(sql: "INSERT INTO log_resources VALUES (?, ?, ?)", arguments: [logID, code, resource])
            }
            for c in 0..<log.caseCount {
                try db.execute(sql: "INSERT INTO cases VALUES (?, ?, ?, ?, ?)",
                               arguments: [tenant, logID, c, log.caseID(c), Data(AttributeCodec.encode(log.traceAttributes.attributes(atRow: c)))])
                for (position, e) in log.eventRange(ofCase: c).enumerated() {
                    let ts = log.timestamps[e]
                    let resource = log.resourceCodes[e]
                    try db.execute(sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                        tenant, logID, c, position, Int64(log.activityCodes[e]), ts == Timestamp.missing ? nil : ts,
                        resource < 0 ? nil : Int64(resource), Data(AttributeCodec.encode(log.eventAttributes.attributes(atRow: e))),
                    ])
                }
            }
        }
    }
}
