import Foundation

/// A loopback server speaking one language-model provider's documented wire format
/// (`../shared/integrations/api-shapes.md` §6–9): OpenAI `/v1/chat/completions` (SSE with `[DONE]` and the
/// usage chunk) and `/v1/embeddings`, Anthropic `/v1/messages` (named events, `ping`, tool-use JSON),
/// Ollama `/api/chat` (NDJSON, nanosecond statistics) and `/api/embed`. Each request is answered by the
/// scenario `script` picks for it; every request is recorded, so a test can assert what left the client.
///
/// ```swift
/// let fake = try await FakeLLMServer(.openai) { _, n in n == 1 ? .rateLimited(.retryAfterMilliseconds(10)) : .reply("Hi") }
/// // OPENAI_BASE_URL = fake.baseURL (it already ends in /v1 for OpenAI)
/// ```
public final class FakeLLMServer: Sendable {
    public typealias Script = @Sendable (_ request: FakeRequest, _ number: Int) -> FakeLLMScenario

    public let provider: FakeLLMProvider
    public let server: LoopbackFakeServer

    public init(_ provider: FakeLLMProvider, chunkSizes: [Int] = [7, 1, 13, 2, 31, 3], script: @escaping Script) async throws {
        self.provider = provider
        server = try await LoopbackFakeServer { request, number in
            if request.path.hasSuffix("/embeddings") || request.path.hasSuffix("/api/embed") {
                return FakeLLMReplies.embeddings(provider, request: request)
            }
            let scenario = script(request, number)
            if case .slowHead(let delay, _) = scenario { try? await Task.sleep(for: delay) }
            return FakeLLMReplies.reply(provider, scenario: scenario, request: request, chunkSizes: chunkSizes)
        }
    }

    /// The base URL a client is configured with: with `/v1` for OpenAI (as `OPENAI_BASE_URL` has it),
    /// the bare host for Anthropic and Ollama.
    public var baseURL: String { provider == .openai ? server.baseURL + "/v1" : server.baseURL }

    public var requests: [FakeRequest] { server.requests }

    public func shutdown() async throws { try await server.shutdown() }
}
