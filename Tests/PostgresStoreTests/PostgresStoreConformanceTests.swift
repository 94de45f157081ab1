import Agents
import EventLog
import PostgresTestSupport
import StoreConformance
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

    func testApprovalStore() async throws {
        try await withStore { try await ApprovalStoreConformance.runWorkStore($0) }
    }

    func testJobQueue() async throws {
        try await withStore { try await JobQueueConformance.run($0) }
    }

    func testSourceStateStore() async throws {
        try await withStore { try await SourceStateStoreConformance.run($0) }
    }
}
