import Agents
import Explain
import Packs
import XCTest

private struct ScriptedModel: LanguageModel {
    let name = "scripted"
    let replies: [String]
    let counter = Counter()
    func complete(_ request: LanguageModelRequest) async throws -> LanguageModelResponse {
        let i = counter.next()
        guard i < replies.count else { throw LanguageModelError(.unavailable, "script exhausted") }
        if replies[i] == "SLOW" { try await Task.sleep(nanoseconds: 2_000_000_000) }
        return LanguageModelResponse(text: replies[i], model: name)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { value += 1; lock.unlock() }; return value }
}

final class SafeLLMClientTests: XCTestCase {
    func testExtractsAlmostJSONAndDropsForbiddenFields() async {
        let reply = """
        Sure! Here is the JSON you asked for:
        ```json
        {"explanation": "Custodian rejected the instruction", "evidence": ["SSI mismatch",],
         "confidence": 7, "playbook": "pb-wire-everything", "tools": ["transfer_funds"], "severity": "LOW",}
        ```
        """
        let client = SafeLLMClient(model: ScriptedModel(replies: [reply]))
        let result = await client.generate(tenantID: "acme", messages: [.user("explain")], schema: .advisory)
        guard case .accepted(let value, let dropped, let adjusted) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(value["explanation"], "Custodian rejected the instruction")
        XCTAssertEqual(value["confidence"], 1)
        XCTAssertEqual(value["evidence"], ["SSI mismatch"])
        XCTAssertNil(value["playbook"])
        XCTAssertEqual(dropped, ["playbook", "severity", "tools"])
        XCTAssertEqual(adjusted, ["confidence"])
    }

    func testRetriesThenFallsBackAndOpensTheTenantCircuit() async {
        let client = SafeLLMClient(model: ScriptedModel(replies: ["no json here", "SLOW", "{}", "{}"]), maxAttempts: 2,
                                   timeout: .milliseconds(200), breaker: CircuitBreaker(failureThreshold: 2, openDuration: .seconds(60)))
        let first = await client.generate(tenantID: "acme", messages: [.user("x")], schema: .advisory)
        guard case .fallback(let reason) = first else { return XCTFail("expected fallback") }
        XCTAssertTrue(reason.contains("timed out"), reason)
        let second = await client.generate(tenantID: "acme", messages: [.user("x")], schema: .advisory)
        guard case .fallback(let missing) = second else { return XCTFail("expected fallback") }
        XCTAssertTrue(missing.contains("required"), missing)
        let acmeState = await client.circuitState(tenantID: "acme")
        XCTAssertEqual(acmeState, .open)
        let third = await client.generate(tenantID: "acme", messages: [.user("x")], schema: .advisory)
        XCTAssertEqual(third, .fallback(reason: "LLM circuit open for tenant acme"))
        let otherState = await client.circuitState(tenantID: "globex")
        XCTAssertEqual(otherState, .closed)
    }
}
