import Foundation
import Agents
import Explain
import Packs
import TracewiseHTTPTesting
import TracewiseModels
import XCTest

/// JSON answers go through the existing safe-LLM layer: recovered from prose and code fences, validated
/// against the schema, and refused when they do not fit it.
final class StructuredOutputTests: XCTestCase {
    private let messages: [ChatMessage] = [.system("Explain as JSON."), .user("Exception: settlement failed")]

    func testJSONWrappedInProseOrFencesIsRecovered() async throws {
        let wrapped = "Sure! Here is the JSON:\n```json\n{\"explanation\": \"Counterparty cut-off missed.\", \"evidence\": [\"cut-off 16:00\"], \"confidence\": 0.7,}\n```\nAnything else?"
        try await ModelFixtures.withEachFake(chunkSizes: [64, 3, 128], script: { _, _ in .reply(wrapped) }) { fake in
            let client = SafeLLMClient(model: ModelFixtures.model(fake), maxAttempts: 1, timeout: .seconds(20))
            let reply = await client.generate(tenantID: "acme", messages: messages, schema: .advisory)
            guard case .accepted(let value, _, _) = reply else { return XCTFail("\(fake.provider): \(reply)") }
            XCTAssertEqual(value["explanation"]?.stringValue, "Counterparty cut-off missed.")
            XCTAssertEqual(value["confidence"]?.numberValue, 0.7)
            let body = try XCTUnwrap(fake.requests.first).bodyText
            XCTAssertTrue(body.contains("tracewise_reply") || body.contains("\"explanation\""), "the schema was sent: \(fake.provider)")
        }
    }

    func testJSONThatDoesNotFitTheSchemaFallsBack() async throws {
        try await ModelFixtures.withEachFake(chunkSizes: [64, 3, 128], script: { _, _ in .reply(#"{"severity": "LOW", "confidence": 2}"#) }) { fake in
            let client = SafeLLMClient(model: ModelFixtures.model(fake), maxAttempts: 2, timeout: .seconds(20))
            let reply = await client.generate(tenantID: "acme", messages: messages, schema: .advisory)
            guard case .fallback(let reason) = reply else { return XCTFail("\(fake.provider): \(reply)") }
            XCTAssertTrue(reason.contains("required"), reason)
            XCTAssertEqual(fake.requests.count, 2, "the safe layer retried once")
        }
        try await ModelFixtures.withEachFake(script: { _, _ in .reply("I cannot produce JSON today.") }) { fake in
            let client = SafeLLMClient(model: ModelFixtures.model(fake), maxAttempts: 1, timeout: .seconds(20))
            guard case .fallback = await client.generate(tenantID: "acme", messages: messages, schema: .advisory) else {
                return XCTFail("prose without JSON must fall back")
            }
        }
    }

    func testProviderFailuresBecomeFallbacksWithoutSecrets() async throws {
        try await ModelFixtures.withEachFake(script: { _, _ in .unauthorized }) { fake in
            let client = SafeLLMClient(model: ModelFixtures.model(fake), maxAttempts: 1, timeout: .seconds(20))
            guard case .fallback(let reason) = await client.generate(tenantID: "acme", messages: messages, schema: .advisory) else {
                return XCTFail("expected a fallback")
            }
            XCTAssertTrue(reason.contains("authentication"), reason)
            XCTAssertFalse(reason.contains(ModelFixtures.secret))
        }
    }

    func testAdvisorySchemaIsStrictModeCompatible() throws {
        let schema = LLMOutputSchema.advisory.jsonSchema(name: "tracewise_reply")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(schema.schema.utf8)) as? [String: Any])
        XCTAssertEqual(object["additionalProperties"] as? Bool, false)
        XCTAssertEqual(Set(object["required"] as? [String] ?? []), ["confidence", "evidence", "explanation"])
        XCTAssertEqual(Set((object["properties"] as? [String: Any])?.keys.map { $0 } ?? []), ["confidence", "evidence", "explanation"])
    }
}
