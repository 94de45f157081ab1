import Agents
import EventLog
import Foundation
import GRDB
import StoreConformance
import TracewiseSQLite
import XCTest

/// The shared store conformance suite (tenant isolation included) against the SQLite stores.
final class SQLiteStoreConformanceTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func store(_ name: String = "store.sqlite") throws -> SQLiteStore {
        try SQLiteStore(path: directory.appendingPathComponent(name).path)
    }

    func testEventLogStore() async throws {
        try await EventLogStoreConformance.run(try store())
    }

    func testAnalysisResultStore() async throws {
        try await AnalysisResultStoreConformance.run(try store())
    }

    func testExceptionStore() async throws {
        try await ExceptionStoreConformance.run(try store())
    }

    func testJobQueue() async throws {
        try await JobQueueConformance.run(try store())
    }

    func testExceptionWorkStore() async throws {
        try await ExceptionWorkStoreConformance.run(try store())
    }

    func testExceptionWorkStoreBatches() async throws {
        try await ExceptionWorkStoreConformance.runBatches(try store())
    }

    func testSourceStateStore() async throws {
        try await SourceStateStoreConformance.run(try store())
    }

    func testApprovalStore() async throws {
        try await ApprovalStoreConformance.runWorkStore(try store())
    }

    func testWorkersExpireOverdueApprovals() async throws {
        try await ApprovalStoreConformance.runExpiry(try store())
        try await ApprovalStoreConformance.runExpiryOrder(try store())
    }

    func testMemoryStore() async throws {
        let path = directory.appendingPathComponent("memory.sqlite").path
        try await MemoryStoreConformance.run(try SQLiteStore(path: path), reopen: { try SQLiteStore(path: path) })
    }

    func testWorkersShareTheirMemoryThroughTheStore() async throws {
        try await MemoryStoreConformance.runWorkers(try store())
    }

    func testMemoryStorePrunes() async throws {
        try await MemoryStoreConformance.runPrune(try store())
    }

    func testPackStore() async throws {
        let path = directory.appendingPathComponent("packs.sqlite").path
        try await PackStoreConformance.run(try SQLiteStore(path: path), reopen: { try SQLiteStore(path: path) })
    }

    func testAPIKeyStore() async throws {
        let path = directory.appendingPathComponent("keys.sqlite").path
        try await APIKeyStoreConformance.run(try SQLiteStore(path: path), other: try SQLiteStore(path: path),
                                             reopen: { try SQLiteStore(path: path) })
    }

    func testAPIKeysStoreOnlyTheHash() async throws {
        let path = directory.appendingPathComponent("hash.sqlite").path
        let key = "tw_0123456789abcdef_" + String(repeating: "ab", count: 32)
        try await SQLiteStore(path: path).insert(APIKeyRecord(id: "0123456789abcdef", tenant: "acme", role: .admin,
                                                              secretHash: String(repeating: "c", count: 64), createdAt: Date()))
        let file = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        XCTAssertNil(file.range(of: Data(key.suffix(64).utf8)), "the secret is never written")
    }

    func testTenantAuditLog() async throws {
        let path = directory.appendingPathComponent("audit.sqlite").path
        try await TenantAuditLogConformance.run(StoredTenantAuditLog(store: try SQLiteStore(path: path)),
                                                others: [StoredTenantAuditLog(store: try SQLiteStore(path: path))],
                                                reopen: { StoredTenantAuditLog(store: try SQLiteStore(path: path)) })
    }

    func testFileAuditChainsAreCopiedVerbatim() async throws {
        try await TenantAuditLogConformance.runCopyFromFiles(try store())
    }

    func testDataSurvivesReopening() async throws {
        let log = StoreConformanceLogs.varied(seed: 7)
        _ = try await store().importLog(log, name: "kept", tenant: "acme")
        try await store().record(ExceptionStoreConformance.outcome("E-9", tenant: "acme", status: .resolved), runID: "run-1")
        let reopened = try store()
        EventLogStoreConformance.assertSameLog(try await reopened.load("kept", tenant: "acme"), log)
        let outcome = try await reopened.outcome(exceptionID: "E-9", tenant: "acme")
        XCTAssertEqual(outcome?.exception.resolutionStatus, .resolved)
    }
}

/// Editing one stored audit record with raw SQL is caught and named by verification.
final class SQLiteAuditTamperTests: XCTestCase {
    func testUpdatingOneTenantChainRowIsNamedByVerification() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-tamper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        try await TenantAuditLogConformance.runTamper(try SQLiteStore(path: path)) { tenant, chain, sequence in
            try await DatabaseQueue(path: path).write { db in
                try db.execute(sql: "UPDATE audit_records SET line = CAST(replace(CAST(line AS TEXT), 'api', 'apj') AS BLOB) WHERE tenant = ? AND chain = ? AND seq = ?",
                               arguments: [tenant, chain, sequence])
            }
        }
    }

    func testUpdatingOneAuditRowIsNamedByVerification() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-tamper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        try await AuditTamperCheck.run(try SQLiteStore(path: path)) { tenant, chain, sequence in
            let raw = try DatabaseQueue(path: path)
            try await raw.write { db in
                let line = try XCTUnwrap(try Data.fetchOne(db, sql: "SELECT line FROM audit_records WHERE tenant = ? AND chain = ? AND seq = ?",
                                                           arguments: [tenant, chain, sequence]))
                var bytes = Array(line)
                let index = bytes.count - 10
                bytes[index] = bytes[index] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
                try db.execute(sql: "UPDATE audit_records SET line = ? WHERE tenant = ? AND chain = ? AND seq = ?",
                               arguments: [Data(bytes), tenant, chain, sequence])
            }
        }
    }
}
