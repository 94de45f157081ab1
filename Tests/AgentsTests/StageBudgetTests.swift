import Agents
import Foundation
import Packs
import XCTest

/// The stage budget is enforced by cancellation, not noticed afterwards.
final class StageBudgetTests: XCTestCase {
    /// Resolution's first tool sleeps forever: the stage is cut off within twice its budget, the exception
    /// is escalated with the timeout as evidence, nothing the stage did is kept, and no tool call of it
    /// starts or completes after the cut (the engine would otherwise retry, then run the next step).
    func testAStageThatSleepsForeverIsCancelledWithinTwiceItsBudget() async throws {
        let calls = CallLog()
        let engine = ToolExecutionEngine(inProcess: InProcessToolTransport(handlers: [
            "reissue": { _ in
                calls.append("reissue started")
                try await Task.sleep(for: .seconds(3_600))
                calls.append("reissue finished")
                return ["status": "sent"]
            },
            "notify": { _ in calls.append("notify"); return ["ok": true] },
            "cancel": { _ in calls.append("cancel"); return ["ok": true] },
        ]), sleep: { _ in })
        let audit = InMemoryAuditSink()
        let budget = Duration.seconds(1)
        let pipeline = try await ExceptionPipeline(domain: Self.slowDomain, tenant: PipelineFixtures.tenant(),
                                                   options: PipelineOptions(executeTools: true, stageTimeout: budget),
                                                   audit: audit, engine: engine, memory: nil)
        let started = ContinuousClock.now
        let outcome = await pipeline.run([PipelineFixtures.settlement("s", amount: 100)], runID: "budget").results[0]
        let elapsed = started.duration(to: .now)

        XCTAssertLessThan(elapsed, budget * 2, "the stage was not cut off within twice its budget")
        XCTAssertEqual(outcome.exception.resolutionStatus, .escalated)
        let escalation = try XCTUnwrap(outcome.decisions.first { $0.stage == .resolution })
        XCTAssertEqual(escalation.decision.decision, .escalate)
        XCTAssertTrue(escalation.decision.evidence.contains { $0.contains("stageTimeout") && $0.contains("overran its budget") },
                      "\(escalation.decision.evidence)")
        XCTAssertEqual(escalation.decision.nextStep, .feedback)
        XCTAssertEqual(outcome.decisions.map(\.stage), [.intake, .triage, .policy, .supervisor, .resolution, .feedback])
        XCTAssertNil(outcome.plan, "a cancelled stage's partial plan must not be applied")

        try await Task.sleep(for: budget * 2)
        XCTAssertEqual(calls.entries, ["reissue started"], "a tool call landed after the stage was cut off")
        XCTAssertFalse(audit.entries.contains { $0.toolCall != nil })
        XCTAssertTrue(AuditVerifier.verify(bytes: audit.jsonl).isValid)
    }

    /// A stage that finishes within its budget keeps its effects, and each decision's `nextStep` names the
    /// stage that actually ran next.
    func testDecisionsRecordTheTransitionsThatHappened() async throws {
        let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                   options: PipelineOptions(stageTimeout: .seconds(30)), memory: nil)
        let result = await pipeline.run([
            PipelineFixtures.settlement("1", amount: 5_000),
            ["exceptionId": "3", "exceptionType": "TRADE_CONFIRM_MISSING", "payload": [:]],
            ["exceptionId": "4", "exceptionType": "POSITION_BREAK", "payload": ["account": "ACC-1"]],
            ["exceptionId": "5", "exceptionType": "CASH_RECON_MISMATCH", "payload": [:]],
        ], runID: "transitions")
        for outcome in result.results {
            let stages = outcome.decisions.map(\.stage)
            for (decision, next) in zip(outcome.decisions, stages.dropFirst()) {
                XCTAssertEqual(decision.decision.nextStep, AgentDecision.NextStep(next), "\(outcome.exception.exceptionID): \(stages)")
            }
            let last = try XCTUnwrap(outcome.decisions.last)
            XCTAssertEqual(last.decision.nextStep, outcome.approvalRequestID == nil ? .end : .approval, outcome.exception.exceptionID)
        }
        XCTAssertEqual(result.results[1].decisions.map(\.stage), [.intake, .triage, .policy, .supervisor, .feedback])
        XCTAssertEqual(result.results[2].decisions.map(\.stage), [.intake, .triage, .policy, .supervisor, .resolution, .feedback])
    }

    /// The sample domain with the reissue tool's own timeout far above the stage budget.
    static let slowDomain: DomainPack = {
        var domain = PipelineFixtures.domain
        for index in domain.tools.indices where domain.tools[index].name == "reissue_settlement" {
            domain.tools[index].timeoutMs = 60_000
        }
        return domain
    }()
}
