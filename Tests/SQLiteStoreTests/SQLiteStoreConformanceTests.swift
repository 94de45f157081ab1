import Agents
import EventLog
import Foundation
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

    func testDataSurvivesReopening() async throws {
        let log = StoreConformanceLogs.varied(seed: 7)
        _ = try await store().importLog(log, name: "kept", tenant: "acme")
        try await store().record(ExceptionStoreConformance.outcome("E-9", tenant: "acme", status: .resolved), runId: "run-1")
        let reopened = try store()
        EventLogStoreConformance.assertSameLog(try await reopened.load("kept", tenant: "acme"), log)
        let outcome = try await reopened.outcome(exceptionId: "E-9", tenant: "acme")
        XCTAssertEqual(outcome?.exception.resolutionStatus, .resolved)
    }
}
