import Agents
import EventLog
import Packs
import XCTest

/// The checks every ``ExceptionStore`` must pass.
public enum ExceptionStoreConformance {
    /// An outcome for `exceptionId` of `tenant` in `status`.
    public static func outcome(_ exceptionID: String, tenant: String, status: ResolutionStatus) -> ExceptionOutcome {
        var outcome = ExceptionOutcome(exception: ExceptionRecord(
            exceptionID: exceptionID, tenantID: tenant, sourceSystem: "erp", exceptionType: "LATE_PAYMENT",
            severity: .high, timestamp: "2026-01-02T03:04:05Z", rawPayload: ["amount": 12.5, "id": .string(exceptionID)],
            normalizedContext: ["exceptionType": "LATE_PAYMENT"], detectedRules: ["r1"], resolutionStatus: status,
            auditTrail: [AuditTrailEntry(stage: .intake, timestamp: "2026-01-02T03:04:05Z", summary: "received")]))
        outcome.decisions = [StageDecision(stage: .triage, decision: AgentDecision(
            decision: .severityHigh, confidence: 0.9, evidence: ["rule r1"], nextStep: .policy))]
        outcome.approvalReasons = status == .pendingApproval ? ["amount above limit"] : []
        outcome.confidence = 0.75
        return outcome
    }

    public static func run(_ store: any ExceptionStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let pending = outcome("E-2", tenant: "tenant-a", status: .pendingApproval)
        try await store.record(pending, runID: "run-1")
        try await store.record(outcome("E-1", tenant: "tenant-a", status: .resolved), runID: "run-1")
        do {
            let value = try await store.outcome(exceptionID: "E-2", tenant: "tenant-a")
            XCTAssertEqual(value, pending, file: file, line: line)
        }
        let resolved = outcome("E-2", tenant: "tenant-a", status: .resolved)
        try await store.record(resolved, runID: "run-2")
        do {
            let value = try await store.outcome(exceptionID: "E-2", tenant: "tenant-a")
            XCTAssertEqual(value, resolved, file: file, line: line)
        }
        let history = try await store.statusHistory(exceptionID: "E-2", tenant: "tenant-a")
        XCTAssertEqual(history.map(\.status), [.pendingApproval, .resolved], file: file, line: line)
        XCTAssertEqual(history.map(\.runID), ["run-1", "run-2"], file: file, line: line)
        XCTAssertLessThanOrEqual(history[0].atMicroseconds, history[1].atMicroseconds, file: file, line: line)
        do {
            let value = try await store.outcomes(tenant: "tenant-a").map(\.exception.exceptionID)
            XCTAssertEqual(value, ["E-1", "E-2"], file: file, line: line)
        }
        do {
            let value = try await store.outcomes(tenant: "tenant-a", status: .pendingApproval)
            XCTAssertEqual(value, [], file: file, line: line)
        }

        // Tenant isolation: the same exception id in another tenant is another exception.
        let other = outcome("E-2", tenant: "tenant-b", status: .failed)
        try await store.record(other, runID: "run-b")
        do {
            let value = try await store.outcome(exceptionID: "E-2", tenant: "tenant-b")
            XCTAssertEqual(value, other, file: file, line: line)
        }
        do {
            let value = try await store.outcome(exceptionID: "E-2", tenant: "tenant-a")
            XCTAssertEqual(value, resolved, file: file, line: line)
        }
        do {
            let value = try await store.outcome(exceptionID: "E-1", tenant: "tenant-b")
            XCTAssertNil(value, file: file, line: line)
        }
        do {
            let value = try await store.outcomes(tenant: "tenant-b").count
            XCTAssertEqual(value, 1, file: file, line: line)
        }
        do {
            let value = try await store.statusHistory(exceptionID: "E-2", tenant: "tenant-b").map(\.status)
            XCTAssertEqual(value, [.failed], file: file, line: line)
        }
        do {
            let value = try await store.statusHistory(exceptionID: "E-1", tenant: "tenant-c")
            XCTAssertEqual(value, [], file: file, line: line)
        }
    }
}
