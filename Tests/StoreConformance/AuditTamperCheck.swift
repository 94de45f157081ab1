import Agents
import EventLog
import XCTest

/// The audit tamper test every durable store runs: after workers wrote audit chains, the backend's own raw
/// SQL alters one stored record (`tamper(tenant, chain, sequence)`), and verification must name exactly it.
public enum AuditTamperCheck {
    public static func run(_ store: any ExceptionWorkStore,
                           tamper: @Sendable (_ tenant: String, _ chain: String, _ sequence: Int) async throws -> Void,
                           file: StaticString = #filePath, line: UInt = #line) async throws {
        let (bundle, exceptions) = try ExceptionWorkStoreConformance.financeSample()
        let tenant = bundle.tenant.tenantID
        let id = try await store.savePackBundle(bundle)
        let ids = try await ExceptionWorkStoreConformance.submit(Array(exceptions.prefix(3)), bundleID: id, tenant: tenant, to: store)
        _ = try await ExceptionWorker(store: store, workerID: "w", concurrency: 1).run(exitWhenIdle: true)
        let before = try await store.verifyAudit(tenant: tenant)
        XCTAssertTrue(before.isValid, file: file, line: line)
        XCTAssertEqual(before.chains, 3, file: file, line: line)
        let chain = "job-\(ids[1])-attempt-1"
        try await tamper(tenant, chain, 2)
        let after = try await store.verifyAudit(tenant: tenant)
        XCTAssertEqual(after.firstBadRecord, AuditLedgerReport.BadRecord(chain: chain, sequence: 2, problem: "hashMismatch"),
                       file: file, line: line)
    }
}
