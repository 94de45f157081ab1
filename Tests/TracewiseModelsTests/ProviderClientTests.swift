import Explain
import Foundation
import Packs
import TracewiseHTTPTesting
import TracewiseModels
import XCTest

/// Each provider client against its loopback fake: streamed replies split at awkward boundaries, the
/// documented request shape, usage, and every failure the issue lists.
final class ProviderClientTests: XCTestCase {
    private let request = LanguageModelRequest(messages: [.system("Be terse."), .user("Say hello to the team.")], maxTokens: 64)

    private func expectError(_ kind: ProviderError.Kind, from model: any StreamingLanguageModel,
                             _ request: LanguageModelRequest? = nil, file: StaticString = #filePath, line: UInt = #line) async -> ProviderError? {
        do {
            _ = try await model.completion(request ?? self.request)
            XCTFail("expected \(kind)", file: file, line: line)
            return nil
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
            XCTAssertFalse(error.description.contains(ModelFixtures.secret), file: file, line: line)
            XCTAssertFalse(error.description.contains("Say hello"), "the prompt leaked: \(error)", file: file, line: line)
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func testStreamedRepliesArriveWholeWhateverTheChunkBoundaries() async throws {
        let text = "Grüße an das Team 👋 — cycle time is 4.2 days.\nAll good."
        try await ModelFixtures.withEachFake(chunkSizes: [1, 2, 3, 5, 8], script: { _, _ in .reply(text) }) { fake in
            let model = ModelFixtures.model(fake)
            var pieces: [String] = []
            var summary: ModelCallSummary?
            for try await delta in model.stream(request) {
                switch delta {
                case .text(let piece): pieces.append(piece)
                case .done(let end): summary = end
                }
            }
            XCTAssertEqual(pieces.joined(), text, "\(fake.provider)")
            XCTAssertGreaterThan(pieces.count, 1, "the reply streamed in pieces")
            let end = try XCTUnwrap(summary)
            XCTAssertEqual(end.provider, ModelFixtures.provider(fake.provider))
            XCTAssertEqual(end.model, "test-model")
            XCTAssertGreaterThan(end.usage.inputTokens, 0)
            XCTAssertEqual(end.usage.outputTokens, text.count / 4)
            XCTAssertGreaterThan(end.latencySeconds, 0)
            if fake.provider == .ollama { XCTAssertEqual(try XCTUnwrap(end.serverSeconds), 4.883583458, accuracy: 1e-9) }
            if fake.provider != .ollama { XCTAssertEqual(end.requestID, "req_fake_\(fake.provider.rawValue)") }
            let collected = try await model.complete(request)
            XCTAssertEqual(collected.text, text)
            XCTAssertEqual(collected.model, "\(fake.provider.rawValue):test-model")
            XCTAssertEqual(collected.usage?.outputTokens, text.count / 4)
        }
    }

    func testRequestsFollowEachProvidersDocumentedShape() async throws {
        let schema = LanguageModelRequest.JSONSchema(name: "reply", schema: #"{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}"#)
        let jsonRequest = LanguageModelRequest(messages: [.system("Rules."), .user("Give a.")], responseFormat: .json,
                                               maxTokens: 50, jsonSchema: schema)
        try await ModelFixtures.withEachFake(script: { _, _ in .reply(#"{"a":"x"}"#) }) { fake in
            let reply = try await ModelFixtures.model(fake).complete(jsonRequest)
            XCTAssertEqual(reply.text, #"{"a":"x"}"#)
            let sent = try XCTUnwrap(fake.requests.first)
            let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sent.body)) as? [String: Any])
            XCTAssertEqual(sent.method, "POST")
            XCTAssertEqual(body["stream"] as? Bool, true)
            XCTAssertEqual(body["model"] as? String, "test-model")
            switch fake.provider {
            case .openai:
                XCTAssertEqual(sent.path, "/v1/chat/completions")
                XCTAssertEqual(sent.header("authorization"), "Bearer \(ModelFixtures.secret)")
                XCTAssertEqual((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool, true)
                let format = try XCTUnwrap(body["response_format"] as? [String: Any])
                XCTAssertEqual(format["type"] as? String, "json_schema")
                let jsonSchema = try XCTUnwrap(format["json_schema"] as? [String: Any])
                XCTAssertEqual(jsonSchema["strict"] as? Bool, true)
                XCTAssertEqual(jsonSchema["name"] as? String, "reply")
                XCTAssertEqual(body["max_completion_tokens"] as? Int, 50)
            case .anthropic:
                XCTAssertEqual(sent.path, "/v1/messages")
                XCTAssertEqual(sent.header("x-api-key"), ModelFixtures.secret)
                XCTAssertEqual(sent.header("anthropic-version"), "2023-06-01")
                XCTAssertNil(sent.header("authorization"))
                XCTAssertEqual(body["system"] as? String, "Rules.")
                XCTAssertEqual((body["messages"] as? [[String: Any]])?.first?["role"] as? String, "user")
                XCTAssertEqual((body["tool_choice"] as? [String: Any])?["name"] as? String, "emit_json")
                XCTAssertEqual(body["max_tokens"] as? Int, 50)
            case .ollama:
                XCTAssertEqual(sent.path, "/api/chat")
                XCTAssertNil(sent.header("authorization"))
                XCTAssertEqual((body["format"] as? [String: Any])?["type"] as? String, "object")
                XCTAssertEqual((body["options"] as? [String: Any])?["num_predict"] as? Int, 50)
            }
        }
    }

    func testJSONModeWithoutASchema() async throws {
        let plain = LanguageModelRequest(messages: [.user("Give me an object.")], responseFormat: .json)
        try await ModelFixtures.withEachFake(script: { _, _ in .reply("{}") }) { fake in
            _ = try await ModelFixtures.model(fake).complete(plain)
            let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(fake.requests.first).body)) as? [String: Any])
            switch fake.provider {
            case .openai:
                XCTAssertEqual((body["response_format"] as? [String: Any])?["type"] as? String, "json_object")
                let messages = try XCTUnwrap(body["messages"] as? [[String: Any]])
                XCTAssertTrue(messages.contains { ($0["content"] as? String)?.contains("JSON") == true },
                              "json_object needs the word JSON in a message")
            case .anthropic:
                XCTAssertEqual(((body["tools"] as? [[String: Any]])?.first?["input_schema"] as? [String: Any])?["type"] as? String, "object")
            case .ollama:
                XCTAssertEqual(body["format"] as? String, "json")
            }
        }
    }

    func testRateLimitsAreRetriedHonouringEachRetryHeaderForm() async throws {
        let hints: [FakeLLMScenario.RetryHint] = [.retryAfterMilliseconds(30), .retryAfterSeconds(1), .retryAfterDate(secondsFromNow: 1), .none]
        for hint in hints {
            try await ModelFixtures.withEachFake(script: { _, number in number == 1 ? .rateLimited(hint) : .reply("ok") }) { fake in
                let started = ContinuousClock.now
                let reply = try await ModelFixtures.model(fake).complete(request)
                XCTAssertEqual(reply.text, "ok")
                XCTAssertEqual(fake.requests.count, 2, "\(hint) on \(fake.provider)")
                if case .retryAfterSeconds = hint {
                    XCTAssertGreaterThanOrEqual(started.duration(to: .now), .milliseconds(950), "retry-after: 1 was honoured")
                }
            }
        }
    }

    func testShouldRetryFalseInsufficientQuotaAndValidationErrorsAreNotRetried() async throws {
        try await ModelFixtures.withEachFake(script: { _, _ in .rateLimited(.shouldNotRetry) }) { fake in
            _ = await expectError(.rateLimited, from: ModelFixtures.model(fake))
            XCTAssertEqual(fake.requests.count, 1)
        }
        try await ModelFixtures.withEachFake(script: { _, _ in .invalidRequest }) { fake in
            let error = await expectError(.invalidRequest, from: ModelFixtures.model(fake))
            XCTAssertEqual(error?.status, 400)
            XCTAssertEqual(fake.requests.count, 1)
        }
        try await ModelFixtures.withEachFake(script: { _, _ in .unauthorized }) { fake in
            _ = await expectError(.authentication, from: ModelFixtures.model(fake))
            XCTAssertEqual(fake.requests.count, 1)
        }
        let openai = try await FakeLLMServer(.openai) { _, _ in .insufficientQuota }
        let error = await expectError(.quotaExceeded, from: ModelFixtures.model(openai))
        XCTAssertEqual(error?.providerCode, "insufficient_quota")
        XCTAssertEqual(error?.requestID, "req_fake_openai")
        XCTAssertEqual(openai.requests.count, 1, "insufficient_quota is never retried")
        try await openai.shutdown()
    }

    func testOverloadAndServerErrorsAreRetriedThenSucceed() async throws {
        try await ModelFixtures.withEachFake(script: { _, number in number == 1 ? .overloaded : number == 2 ? .serverError : .reply("fine") }) { fake in
            let reply = try await ModelFixtures.model(fake).complete(request)
            XCTAssertEqual(reply.text, "fine")
            XCTAssertEqual(fake.requests.count, 3)
        }
        let anthropic = try await FakeLLMServer(.anthropic) { _, _ in .overloaded }
        let error = await expectError(.overloaded, from: ModelFixtures.model(anthropic))
        XCTAssertEqual(error?.status, 529)
        XCTAssertEqual(error?.providerCode, "overloaded_error")
        XCTAssertEqual(anthropic.requests.count, 3, "529 is retried up to the attempt limit")
        try await anthropic.shutdown()
    }

    func testASlowFirstBytePastTheTimeoutFailsWithinTheTotalDeadline() async throws {
        try await ModelFixtures.withEachFake(script: { _, _ in .slowHead(.seconds(3), "late") }) { fake in
            let policy = ModelFixtures.policy(retry: ModelFixtures.quickRetry(attempts: 2, deadline: .seconds(10)),
                                              headTimeout: .milliseconds(300))
            let started = ContinuousClock.now
            _ = await expectError(.timeout, from: ModelFixtures.model(fake, policy: policy))
            XCTAssertLessThan(started.duration(to: .now), .milliseconds(2_500))
        }
    }

    func testStreamsCutMidwayOrReportingAnErrorMidStreamFail() async throws {
        try await ModelFixtures.withEachFake(script: { _, _ in .cutMidway(String(repeating: "long reply ", count: 20)) }) { fake in
            _ = await expectError(.streamInterrupted, from: ModelFixtures.model(fake))
            XCTAssertEqual(fake.requests.count, 1, "a stream that started is not retried")
        }
        try await ModelFixtures.withEachFake(script: { _, _ in .midStreamError("partial answer") }) { fake in
            let expected: ProviderError.Kind = fake.provider == .anthropic ? .overloaded : .streamInterrupted
            let error = await expectError(expected, from: ModelFixtures.model(fake))
            if fake.provider == .ollama { XCTAssertEqual(error?.status, 200, "Ollama's mid-stream error comes with status 200") }
        }
    }

    func testRefusalsAndTruncationAreTypedErrors() async throws {
        for provider in [FakeLLMProvider.openai, .anthropic] {
            let fake = try await FakeLLMServer(provider) { _, _ in .refusal("I can't help with that.") }
            let error = await expectError(.refused, from: ModelFixtures.model(fake))
            XCTAssertNotNil(error?.requestID)
            XCTAssertFalse(error?.description.contains("can't help") ?? true, "the refusal text stays out of the description")
            try await fake.shutdown()
        }
        try await ModelFixtures.withEachFake(script: { _, _ in .truncated("The answer is cut") }) { fake in
            _ = await expectError(.truncated, from: ModelFixtures.model(fake))
        }
    }

    func testAPIKeysNeverAppearInDescriptions() throws {
        let configuration = ProviderConfiguration(provider: .openai, baseURL: "https://example.invalid/v1", apiKey: APIKey(ModelFixtures.secret))
        XCTAssertFalse("\(configuration)".contains(ModelFixtures.secret))
        XCTAssertFalse(String(reflecting: configuration).contains(ModelFixtures.secret))
    }

    func testConfigurationFromTheEnvironment() throws {
        let openai = try ProviderConfiguration.fromEnvironment(.openai, ["OPENAI_API_KEY": "k"])
        XCTAssertEqual(openai.baseURL, "https://api.openai.com/v1")
        let custom = try ProviderConfiguration.fromEnvironment(.openai, ["OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1/"])
        XCTAssertEqual(custom.baseURL, "http://127.0.0.1:9/v1")
        XCTAssertEqual(try ProviderConfiguration.fromEnvironment(.anthropic, ["ANTHROPIC_API_KEY": "k"]).baseURL, "https://api.anthropic.com")
        XCTAssertEqual(try ProviderConfiguration.fromEnvironment(.ollama, [:]).baseURL, "http://127.0.0.1:11434")
        XCTAssertEqual(try ProviderConfiguration.fromEnvironment(.ollama, ["OLLAMA_HOST": "10.0.0.2:11434"]).baseURL, "http://10.0.0.2:11434")
        XCTAssertThrowsError(try ProviderConfiguration.fromEnvironment(.anthropic, [:])) { error in
            XCTAssertEqual((error as? ProviderError)?.kind, .authentication)
        }
        XCTAssertEqual(try ModelSelection(parsing: "ollama:llama3.2:1b"), ModelSelection(provider: .ollama, model: "llama3.2:1b"))
        XCTAssertThrowsError(try ModelSelection(parsing: "gpt-4o"))
        XCTAssertThrowsError(try ModelSelection(parsing: "mistral:large"))
    }

    func testCancellationEndsTheRequest() async throws {
        let fake = try await FakeLLMServer(.openai) { _, _ in .slowHead(.seconds(5), "never read") }
        let model = ModelFixtures.model(fake)
        let request = self.request
        let task = Task { try await model.complete(request) }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        XCTAssertLessThan(started.duration(to: .now), .seconds(3))
        XCTAssertThrowsError(try result.get()) { XCTAssertTrue($0 is CancellationError, "\($0)") }
        try await fake.shutdown()
    }
}
