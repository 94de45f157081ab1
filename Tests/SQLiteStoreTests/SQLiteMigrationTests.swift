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
        _ = try await previous.importLog(log, name: "before-upgrade", tenant: "acme")

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
}
