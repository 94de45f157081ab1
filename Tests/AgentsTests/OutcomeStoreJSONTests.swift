import Agents
import EventLog
import Foundation
import Packs
import XCTest

/// Stores write outcomes with a hand-written encoder (`ExceptionOutcome.storeJSON()`); it must write exactly
/// the bytes `StoreJSON.encode` (`JSONEncoder`, sorted keys, unescaped slashes) writes — on outcomes the
/// pipeline produces and on random ones with every optional present or absent and awkward strings and numbers.
final class OutcomeStoreJSONTests: XCTestCase {
    private func assertSameBytes(_ outcome: ExceptionOutcome, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = String(decoding: try StoreJSON.encode(outcome), as: UTF8.self)
        XCTAssertEqual(String(decoding: try outcome.storeJSON(), as: UTF8.self), expected, file: file, line: line)
    }

    func testPipelineOutcomesEncodeAsJSONEncoderWrites() async throws {
        let engine = ToolExecutionEngine(inProcess: InProcessToolTransport(handlers: [
            "reissue": { _ in ["status": "sent", "at": 1.5, "ids": [1, 2, 3]] },
            "notify": { _ in throw ToolTransportError("desk channel down", retryable: false) },
            "cancel": { _ in ["ok": true] },
            "wire": { _ in ["ok": true] },
        ]), sleep: { _ in })
        for executeTools in [true, false] {
            let pipeline = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant(),
                                                       options: PipelineOptions(executeTools: executeTools), engine: engine)
            let result = await pipeline.run([
                PipelineFixtures.settlement("1", amount: 5_000),
                PipelineFixtures.settlement("2", amount: 2_000_000),
                PipelineFixtures.settlement("3", amount: 60_000_000, counterparty: "EVIL CORP"),
                PipelineFixtures.settlement("4/ü", amount: 20_000_000),
                ["exceptionId": "5", "exceptionType": "trade-confirm-missing", "payload": [:]],
                ["exceptionId": "6", "exceptionType": "POSITION_BREAK", "payload": ["account": "ACC-1"]],
                ["exceptionId": "7", "exceptionType": "CASH_RECON_MISMATCH", "payload": ["note": "quote \" slash / tab \t"]],
                ["exceptionId": "8", "exceptionType": "NOT_A_TYPE", "payload": [:]],
                ["exceptionType": "SETTLEMENT_FAIL"],
            ], runID: "run-\(executeTools)")
            XCTAssertEqual(result.results.count, 9)
            for outcome in result.results { try assertSameBytes(outcome) }
        }
    }

    func testRandomOutcomesEncodeAsJSONEncoderWrites() throws {
        var random = SystemRandomNumberGenerator()
        let texts = ["", "a", "quote \" backslash \\ slash / tab \t newline \n bell \u{07} del \u{7F}", "ünïcødé ✓ 数据 e\u{301}",
                     "SETTLEMENT_FAIL", "{{payload.x}}", "\u{0}\u{1F}", "emoji 👩‍👩‍👧"]
        let numbers: [Double] = [0, -0.0, 1, -1, 0.95, 0.7599999999999999, 1e15, 9_007_199_254_740_992, 9_007_199_254_740_994,
                                 1e16, 1.2345678901234568e+17, 1e300, 5e-324, 1.5e-7, 2.5, -42.25]
        func text() -> PackValue { .string(texts.randomElement(using: &random)!) }
        func number() -> PackValue { .number(numbers.randomElement(using: &random)!) }
        func maybe(_ value: @autoclosure () -> PackValue) -> PackValue? { Bool.random(using: &random) ? value() : nil }
        func strings() -> PackValue { .array((0..<Int.random(in: 0...3, using: &random)).map { _ in text() }) }
        func value(depth: Int) -> PackValue {
            switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &random) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &random))
            case 2: return number()
            case 3: return text()
            case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth: depth + 1) })
            default:
                var members: [String: PackValue] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &random) {
                    members[["b", "a", "A", "a10", "a9", "é", "ß", "_", "z/y", texts.randomElement(using: &random)!].randomElement(using: &random)!] = value(depth: depth + 1)
                }
                return .object(members)
            }
        }
        func object(_ members: [String: PackValue?]) -> PackValue { .object(members.compactMapValues { $0 }) }
        func decision() -> PackValue {
            object(["decision": .string(AgentDecision.Conclusion.allCases.randomElement(using: &random)!.rawValue),
                    "confidence": .number([0, 1, 0.5, 0.76, 0.95, 0.3333333333333333].randomElement(using: &random)!),
                    "evidence": strings(), "nextStep": .string(AgentDecision.NextStep.allCases.randomElement(using: &random)!.rawValue)])
        }
        func toolCall() -> PackValue {
            object(["tool": ["tenantId": text(), "domain": text(), "tool": text()],
                    "status": .string(["SUCCESS", "FAILED", "DRY_RUN", "REFUSED"].randomElement(using: &random)!),
                    "result": maybe(value(depth: 1)), "error": maybe(text()), "attempts": .number(Double(Int.random(in: 0...5, using: &random))),
                    "latency": .number([0, 0.012345, 1.5, 30].randomElement(using: &random)!), "idempotencyKey": text()])
        }
        for _ in 0..<400 {
            let stages = Stage.allCases.map(\.rawValue)
            let document = object([
                "exception": object([
                    "exceptionId": text(), "tenantId": text(), "sourceSystem": text(), "exceptionType": text(),
                    "severity": maybe(.string(Severity.allCases.randomElement(using: &random)!.rawValue)), "timestamp": text(),
                    "rawPayload": value(depth: 0), "normalizedContext": value(depth: 0), "detectedRules": strings(),
                    "suggestedActions": strings(), "resolutionStatus": .string(ResolutionStatus.allCases.randomElement(using: &random)!.rawValue),
                    "auditTrail": .array((0..<Int.random(in: 0...4, using: &random)).map { _ in
                        ["stage": .string(stages.randomElement(using: &random)!), "timestamp": text(), "summary": text()]
                    }),
                ]),
                "decisions": .array((0..<Int.random(in: 0...5, using: &random)).map { _ in
                    ["stage": .string(stages.randomElement(using: &random)!), "decision": decision()]
                }),
                "actionability": maybe(.string(Actionability.allCases.randomElement(using: &random)!.rawValue)),
                "playbookId": maybe(text()), "approvalReasons": strings(), "approvalRequestId": maybe(text()),
                "plan": maybe(object([
                    "playbookId": text(), "dryRun": .bool(Bool.random(using: &random)),
                    "steps": .array((0..<Int.random(in: 0...3, using: &random)).map { _ in
                        object(["stepId": text(), "tool": text(), "arguments": value(depth: 0),
                                "status": .string(["SUCCESS", "FAILED", "SKIPPED", "NEEDS_APPROVAL"].randomElement(using: &random)!),
                                "note": maybe(text()), "outcome": maybe(toolCall()), "isRollback": .bool(Bool.random(using: &random))])
                    }),
                ])),
                "draftPlaybook": maybe(object(["exceptionType": text(), "candidatePlaybooks": strings(), "suggestedTools": strings(),
                                               "rationale": text()])),
                "feedback": maybe(object(["outcome": text(), "learningArtifacts": strings(), "policySuggestions": strings()])),
                "confidence": number(),
            ])
            let outcome = try JSONDecoder().decode(ExceptionOutcome.self, from: try JSONEncoder().encode(document))
            try assertSameBytes(outcome)
        }
    }

    func testNonFiniteNumbersAreRefusedAsJSONEncoderRefusesThem() {
        var outcome = ExceptionOutcome(exception: ExceptionRecord(exceptionID: "e", tenantID: "t", sourceSystem: "s", exceptionType: "X",
                                                                  timestamp: "now", rawPayload: .number(.nan), normalizedContext: [:]))
        XCTAssertThrowsError(try outcome.storeJSON())
        outcome.exception.rawPayload = [:]
        outcome.confidence = .infinity
        XCTAssertThrowsError(try outcome.storeJSON())
        outcome.confidence = 0.5
        XCTAssertNoThrow(try outcome.storeJSON())
    }
}
