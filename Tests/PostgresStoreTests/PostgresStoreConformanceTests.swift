import Agents
import EventLog
import PostgresTestSupport
import StoreConformance
import Synchronization
import TracewisePostgres
import XCTest

/// The shared store conformance suite (tenant isolation included) against the PostgreSQL stores.
final class PostgresStoreConformanceTests: XCTestCase {
    private func withStore(_ body: (PostgresStore) async throws -> Void) async throws {
        let database = try await PostgresTestDatabase.create()
        let store = try await PostgresStore(configuration: database.configuration)
        do {
            try await body(store)
        } catch {
            store.close()
            try await database.drop()
            throw error
        }
        store.close()
        try await database.drop()
    }

    func testEventLogStore() async throws {
        try await withStore { try await EventLogStoreConformance.run($0) }
    }

    func testAnalysisResultStore() async throws {
        try await withStore { try await AnalysisResultStoreConformance.run($0) }
    }

    func testExceptionStore() async throws {
        try await withStore { try await ExceptionStoreConformance.run($0) }
    }

    func testExceptionWorkStore() async throws {
        try await withStore { try await ExceptionWorkStoreConformance.run($0) }
    }

    func testExceptionWorkStoreBatches() async throws {
        try await withStore { try await ExceptionWorkStoreConformance.runBatches($0) }
    }

    func testApprovalStore() async throws {
        try await withStore { try await ApprovalStoreConformance.runWorkStore($0) }
    }

    func testJobQueue() async throws {
        try await withStore { try await JobQueueConformance.run($0) }
    }

    func testSourceStateStore() async throws {
        try await withStore { try await SourceStateStoreConformance.run($0) }
    }

    func testWorkersExpireOverdueApprovals() async throws {
        try await withStore { try await ApprovalStoreConformance.runExpiry($0) }
        try await withStore { try await ApprovalStoreConformance.runExpiryOrder($0) }
    }

    func testMemoryStore() async throws {
        try await withReopenableStore { try await MemoryStoreConformance.run($0, reopen: $1) }
    }

    func testWorkersShareTheirMemoryThroughTheStore() async throws {
        try await withStore { try await MemoryStoreConformance.runWorkers($0) }
    }

    func testMemoryStorePrunes() async throws {
        try await withStore { try await MemoryStoreConformance.runPrune($0) }
    }

    func testPackStore() async throws {
        try await withReopenableStore { try await PackStoreConformance.run($0, reopen: $1) }
    }

    func testAPIKeyStore() async throws {
        try await withReopenableStore { store, reopen in
            try await APIKeyStoreConformance.run(store, other: try await reopen(), reopen: reopen)
        }
    }

    /// 16 appenders through two `PostgresStore`s (two processes) on one tenant's chain: nothing lost, the chain verifies.
    func testTenantAuditLog() async throws {
        try await withReopenableStore { store, reopen in
            try await TenantAuditLogConformance.run(StoredTenantAuditLog(store: store), others: [StoredTenantAuditLog(store: try await reopen())],
                                                    reopen: { StoredTenantAuditLog(store: try await reopen()) })
        }
    }

    func testFileAuditChainsAreCopiedVerbatim() async throws {
        try await withStore { try await TenantAuditLogConformance.runCopyFromFiles($0) }
    }

    /// Runs `body` on a store of a fresh database and a way to open that database again (a restart); every store
    /// opened is closed and the database dropped afterwards.
    private func withReopenableStore(
        _ body: (PostgresStore, @escaping @Sendable () async throws -> PostgresStore) async throws -> Void
    ) async throws {
        let database = try await PostgresTestDatabase.create()
        let store = try await PostgresStore(configuration: database.configuration)
        let reopened = Reopened()
        defer {
            store.close()
            reopened.close()
        }
        try await body(store) {
            let again = try await PostgresStore(configuration: database.configuration)
            reopened.keep(again)
            return again
        }
        store.close()
        reopened.close()
        try await database.drop()
    }
}

/// The stores a test reopened, closed when it ends.
private final class Reopened: Sendable {
    private let stores = Mutex<[PostgresStore]>([])

    func keep(_ store: PostgresStore) { stores.withLock { $0.append(store) } }

    func close() { stores.withLock { $0.forEach { $0.close() } } }
}
