import Agents
import Foundation
import Packs
import XCTest

final class ExceptionPipelineTests: XCTestCase {
    private func engine(calls: CallLog, failNotify: Bool = false) -> ToolExecutionEngine {
        ToolExecutionEngine(inProcess: InProcessToolTransport(handlers: [
            "reissue": { args in
                calls.append("reissue \(args["tradeId"]?.stringValue ?? "?")")
                return ["status": "sent"]
            },
            "notify": { _ in
                calls.append("notify")
                if failNotify { throw ToolTransportError("desk channel down", retryable: false) }
                return ["ok": true]
            },
            "cancel": { _ in calls.append("cancel"); return ["ok": true] },
            "wire": { _ in calls.append("wire"); return ["ok": true] },
        ]), sleep: { _ in })
    }

    func testClassifiesSeverityActionabilityAndExecutesApprovedPlaybook() async throws {
        let calls = CallLog()
        let audit = InMemoryAuditSink()
        let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                   options: PipelineOptions(executeTools: true), audit: audit,
                                                   engine: engine(calls: calls))
        let result = await pipeline.run([
            PipelineFixtures.settlement("1", amount: 5_000),
            PipelineFixtures.settlement("2", amount: 2_000_000),
            ["exceptionId": "3", "exceptionType": "trade-confirm-missing", "payload": [:]],
            ["exceptionId": "4", "exceptionType": "POSITION_BREAK", "payload": ["account": "ACC-1"]],
            ["exceptionId": "5", "exceptionType": "CASH_RECON_MISMATCH", "payload": [:]],
        ], runID: "run-1")
        let byID = Dictionary(uniqueKeysWithValues: result.results.map { ($0.exception.exceptionID, $0) })
        XCTAssertEqual(result.results.map(\.exception.exceptionID), ["1", "2", "3", "4", "5"])

        XCTAssertEqual(byID["1"]?.exception.severity, .medium)
        XCTAssertEqual(byID["1"]?.actionability, .actionableApprovedProcess)
        XCTAssertEqual(byID["1"]?.playbookID, "pb-settlement-retry")
        XCTAssertEqual(byID["1"]?.exception.resolutionStatus, .resolved)
        XCTAssertEqual(byID["1"]?.plan?.steps.map(\.status), [.success, .success])
        XCTAssertEqual(byID["1"]?.plan?.steps.first?.arguments, ["tradeId": "T-1"])

        XCTAssertEqual(byID["2"]?.exception.severity, .high)
        XCTAssertEqual(byID["2"]?.exception.detectedRules, ["big-settlement"])

        XCTAssertEqual(byID["3"]?.exception.exceptionType, "TRADE_CONFIRM_MISSING")
        XCTAssertEqual(byID["3"]?.actionability, .nonActionableInfoOnly)
        XCTAssertEqual(byID["3"]?.exception.resolutionStatus, .informational)

        XCTAssertEqual(byID["4"]?.actionability, .actionableNonApprovedProcess)
        XCTAssertEqual(byID["4"]?.exception.resolutionStatus, .needsHumanAction)
        XCTAssertEqual(byID["4"]?.draftPlaybook?.candidatePlaybooks, ["pb-position-break"])
        XCTAssertNil(byID["4"]?.playbookID)

        XCTAssertEqual(byID["5"]?.exception.resolutionStatus, .pendingApproval)
        XCTAssertEqual(byID["5"]?.approvalRequestID, "approval-5")

        XCTAssertFalse(calls.entries.contains("wire"), "a tool of an unapproved playbook never runs")
        XCTAssertEqual(calls.entries.filter { $0.hasPrefix("reissue") }.sorted(), ["reissue T-1", "reissue T-2"])
        let report = AuditVerifier.verify(bytes: audit.jsonl)
        XCTAssertTrue(report.isValid)
        XCTAssertGreaterThan(report.validRecords, 15)
    }

    func testCriticalNeverAutoExecutesAndThresholdRequiresApproval() async throws {
        let calls = CallLog()
        let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                   options: PipelineOptions(executeTools: true), engine: engine(calls: calls))
        let result = await pipeline.run([PipelineFixtures.settlement("c", amount: 80_000_000),
                                         PipelineFixtures.settlement("t", amount: 20_000_000)], runID: "run-2")
        XCTAssertEqual(result.results[0].exception.severity, .critical)
        XCTAssertEqual(result.results[0].exception.resolutionStatus, .pendingApproval)
        XCTAssertTrue(result.results[0].approvalReasons.contains("no automatic action for CRITICAL severity"))
        XCTAssertEqual(result.results[1].exception.resolutionStatus, .pendingApproval)
        XCTAssertTrue(result.results[1].approvalReasons.contains { $0.contains("approval threshold") })
        XCTAssertTrue(calls.entries.isEmpty)
    }

    func testMetricsSummaryReportsTheOldestPendingApproval() async throws {
        let approvals = ApprovalQueue(store: InMemoryApprovalStore(), clock: { 1_000_000_000 })
        let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                   approvals: approvals, memory: nil, clock: { 900_000_000 })
        _ = await pipeline.run([PipelineFixtures.settlement("t", amount: 20_000_000),
                                PipelineFixtures.settlement("r", amount: 100)], runID: "run-m")
        let summary = try await pipeline.metricsSummary()
        XCTAssertEqual(summary.oldestPendingApprovalSeconds, 100)
        XCTAssertEqual(summary.exceptions, 2)
        XCTAssertEqual(summary.byStatus["PENDING_APPROVAL"], 1)
    }

    func testApprovalResumesFromResolution() async throws {
        let calls = CallLog()
        let approvals = ApprovalQueue(store: InMemoryApprovalStore())
        let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                   options: PipelineOptions(executeTools: true), engine: engine(calls: calls),
                                                   approvals: approvals)
        let result = await pipeline.run([PipelineFixtures.settlement("t", amount: 20_000_000)], runID: "run-3")
        let requestID = try XCTUnwrap(result.results[0].approvalRequestID)
        XCTAssertTrue(calls.entries.isEmpty)
        _ = try await approvals.approve(tenantID: "acme", requestID: requestID, by: "desk-head", comment: "go")
        let resumed = try await pipeline.resume(approvalRequestID: requestID, runID: "run-3")
        XCTAssertEqual(resumed.exception.resolutionStatus, .resolved)
        XCTAssertEqual(calls.entries, ["reissue T-t", "notify"])
        XCTAssertEqual(Array(resumed.decisions.map(\.stage).suffix(4)), [.approval, .resolution, .supervisor, .feedback])
        let approval = try XCTUnwrap(resumed.decisions.first { $0.stage == .approval }?.decision)
        XCTAssertEqual(approval.decision, .approved)
        XCTAssertEqual(approval.nextStep, .resolution)
        XCTAssertEqual(approval.evidence, ["APPROVED by desk-head: go"])
    }

    func testFailureRollsBackAndEscalates() async throws {
        let calls = CallLog()
        let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                   options: PipelineOptions(executeTools: true),
                                                   engine: engine(calls: calls, failNotify: true))
        let outcome = await pipeline.run([PipelineFixtures.settlement("f", amount: 100)], runID: "run-4").results[0]
        XCTAssertEqual(outcome.exception.resolutionStatus, .escalated)
        XCTAssertEqual(outcome.plan?.steps.map(\.status), [.success, .failed, .success])
        XCTAssertEqual(outcome.plan?.steps.last?.isRollback, true)
        XCTAssertEqual(calls.entries, ["reissue T-f", "notify", "cancel"])
    }

    func testBlockListAndUnknownTypeAndOversizedPayloadEscalate() async throws {
        let calls = CallLog()
        let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                   options: PipelineOptions(executeTools: true), engine: engine(calls: calls))
        var deep: PackValue = "bottom"
        for _ in 0..<100 { deep = ["next": deep] }
        let result = await pipeline.run([
            PipelineFixtures.settlement("b", amount: 100, counterparty: "EVIL CORP"),
            ["exceptionType": "SOMETHING_ELSE", "payload": [:]],
            ["exceptionType": "SETTLEMENT_FAIL", "payload": deep],
            ["exceptionType": "SETTLEMENT_FAIL", "payload": ["tradeId": .string(String(repeating: "x", count: 100_000))]],
            "not an object",
        ], runID: "run-5")
        XCTAssertEqual(result.results.map(\.exception.resolutionStatus), Array(repeating: .escalated, count: 5))
        XCTAssertTrue(calls.entries.isEmpty)
    }

    /// Workers take chunks in any order; results still come back in input order, one per input, each with
    /// its full stage sequence, and the audit holds every stage of every exception.
    func testManyExceptionsOnSeveralWorkersComeBackInInputOrder() async throws {
        let audit = InMemoryAuditSink()
        let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                   options: PipelineOptions(concurrency: 3), audit: audit, memory: nil)
        let inputs: [PackValue] = (0..<1_001).map { index in
            index % 7 == 3 ? ["exceptionType": "NOT_A_TYPE", "exceptionId": .string("x\(index)")]
                : PipelineFixtures.settlement("\(index)", amount: Double(index % 5) * 600_000)
        }
        let result = await pipeline.run(inputs, runID: "order")
        XCTAssertEqual(result.results.map(\.exception.exceptionID), inputs.map { $0["exceptionId"]!.stringValue! })
        for (input, outcome) in zip(inputs, result.results) {
            let expected: [Stage] = input["exceptionType"] == "NOT_A_TYPE" ? [.intake] : [.intake, .triage, .policy, .supervisor]
            XCTAssertEqual(Array(outcome.decisions.map(\.stage).prefix(expected.count)), expected, outcome.exception.exceptionID)
        }
        let stagesAudited = audit.entries.count
        XCTAssertEqual(stagesAudited, result.results.reduce(0) { $0 + $1.decisions.count + ($1.approvalRequestID == nil ? 0 : 1) })
        XCTAssertTrue(AuditVerifier.verify(bytes: audit.jsonl).isValid)
    }
}

final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var entries: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
