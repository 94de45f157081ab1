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

    func testMemoryStorePrunes() async throws {
        try await MemoryStoreConformance.runPrune(InMemoryMemoryStore())
    }

    func testPackStore() async throws {
        try await PackStoreConformance.run(InMemoryPackStore())
    }

    func testJSONLApprovalStore() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-approvals-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await ApprovalStoreConformance.run(try JSONLApprovalStore(directory: directory))
    }

    func testAPIKeyStore() async throws {
        try await APIKeyStoreConformance.run(InMemoryAPIKeyStore())
    }

    func testFileAPIKeyStore() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await APIKeyStoreConformance.run(try FileAPIKeyStore(directory: directory), reopen: { try FileAPIKeyStore(directory: directory) })
    }

    func testTenantAuditLog() async throws {
        try await TenantAuditLogConformance.run(InMemoryTenantAuditLog())
    }

    func testDirectoryTenantAuditLog() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TenantAuditLogConformance.run(try DirectoryTenantAuditLog(directory: directory),
                                                reopen: { try DirectoryTenantAuditLog(directory: directory) })
    }

    func testFileSystemPackStore() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-packs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try await PackStoreConformance.run(FileSystemPackStore(root: root), reopen: { FileSystemPackStore(root: root) })
    }
}
