import Agents
import EventLog
import Foundation
import Packs
import StoreConformance
import XCTest

/// The shared store conformance suite against the in-memory stores.
final class InMemoryStoreConformanceTests: XCTestCase {
    func testEventLogStore() async throws {
        try await EventLogStoreConformance.run(InMemoryEventLogStore())
    }

    func testAnalysisResultStore() async throws {
        try await AnalysisResultStoreConformance.run(InMemoryAnalysisResultStore())
    }

    func testApprovalStore() async throws {
        try await ApprovalStoreConformance.run(InMemoryApprovalStore())
    }

    func testExceptionStore() async throws {
        try await ExceptionStoreConformance.run(InMemoryExceptionStore())
    }

    func testJobQueue() async throws {
        try await JobQueueConformance.run(InMemoryJobQueue())
    }

    func testSourceStateStore() async throws {
        try await SourceStateStoreConformance.run(InMemorySourceStateStore())
    }

    func testMemoryStore() async throws {
        try await MemoryStoreConformance.run(InMemoryMemoryStore())
    }

    func testPackStore() async throws {
        try await PackStoreConformance.run(InMemoryPackStore())
    }

    func testFileSystemPackStore() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-packs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try await PackStoreConformance.run(FileSystemPackStore(root: root), reopen: { FileSystemPackStore(root: root) })
    }
}
