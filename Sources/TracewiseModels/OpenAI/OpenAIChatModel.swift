import Explain
import Foundation
import Packs
import TracewiseHTTP

/// OpenAI Chat Completions behind `LanguageModel`, always streamed (`stream: true` with
/// `stream_options.include_usage`), the non-streaming call being the stream collected.
///
/// JSON mode sends `response_format` `json_schema` with `strict: true` when the request carries a
/// `LanguageModelRequest/JSONSchema`, else `json_object` (adding the instruction to answer in
/// JSON when no message mentions it, as the API requires). A refusal, `finish_reason: length` or
/// `content_filter`, and a stream that ends before `data: [DONE]` throw ``ProviderError``.
///
/// ```swift
/// let model = OpenAIChatModel(model: "gpt-4o-mini", configuration: try .fromEnvironment(.openai))
/// let reply = try await model.complete(LanguageModelRequest(messages: [.user("Say hi")]))
/// ```
public struct OpenAIChatModel: StreamingLanguageModel {
    public let model: String
    public let configuration: ProviderConfiguration
    public let policy: ModelCallPolicy

    public init(model: String, configuration: ProviderConfiguration, policy: ModelCallPolicy = ModelCallPolicy()) {
        self.model = model
        self.configuration = configuration
        self.policy = policy
    }

    public var name: String { "openai:\(model)" }

    public func stream(_ request: LanguageModelRequest) -> AsyncThrowingStream<ModelDelta, any Error> {
        let exchange = ProviderExchange(provider: .openai, model: model, policy: policy)
        let configuration = configuration
        let model = model
        return exchange.stream(request) { masked, yield in
            let body = try Self.body(masked, model: model)
            var headers = HTTPFields()
            if let key = configuration.apiKey { headers.append("authorization", "Bearer \(key.value)") }
            headers.append("accept", "text/event-stream")
            let http = try exchange.post(configuration.baseURL + "/chat/completions", headers: headers, json: body)
            let response = try await exchange.open(http) { status, headers, body in
                Self.error(status: status, headers: headers, body: body, exchange: exchange)
            }
            let requestID = response.headers["x-request-id"]
            var end = ProviderExchange.StreamEnd(model: nil, requestID: requestID, finishReason: nil, usage: ModelUsage())
            var refusal = ""
            var sawDone = false
            let decoder = JSONDecoder()
            for try await event in response.body.serverSentEvents() {
                if event.data == "[DONE]" {
                    sawDone = true
                    continue
                }
                guard !sawDone else { continue }
                if let failure = try? decoder.decode(OpenAIWire.ErrorEnvelope.self, from: Data(event.data.utf8)), let error = failure.error {
                    throw ProviderError(.streamInterrupted, provider: .openai, requestID: requestID, providerCode: error.code ?? error.type,
                                     detail: "the stream reported an error after it started", providerMessage: error.message)
                }
                let chunk = try decoder.decode(OpenAIWire.ChatChunk.self, from: Data(event.data.utf8))
                end.model = chunk.model ?? end.model
                if let usage = chunk.usage {
                    end.usage = ModelUsage(inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0)
                }
                for choice in chunk.choices ?? [] {
                    if let text = choice.delta?.content, !text.isEmpty { yield(text) }
                    if let text = choice.delta?.refusal { refusal += text }
                    if let reason = choice.finish_reason { end.finishReason = reason }
                }
            }
            guard sawDone else {
                throw ProviderError(.streamInterrupted, provider: .openai, requestID: requestID,
                                 detail: "the stream ended before data: [DONE]")
            }
            if !refusal.isEmpty {
                throw ProviderError(.refused, provider: .openai, requestID: requestID, detail: "the model refused to answer",
                                 providerMessage: refusal)
            }
            switch end.finishReason {
            case "length":
                throw ProviderError(.truncated, provider: .openai, requestID: requestID, providerCode: "length",
                                 detail: "the reply was cut at the token limit")
            case "content_filter":
                throw ProviderError(.contentFiltered, provider: .openai, requestID: requestID, providerCode: "content_filter",
                                 detail: "the content filter stopped the reply")
            default:
                return end
            }
        }
    }

    static func body(_ request: LanguageModelRequest, model: String) throws -> OpenAIWire.ChatRequest {
        var messages = request.messages.map { OpenAIWire.ChatRequest.Message(role: $0.role.rawValue, content: $0.content) }
        var format: PackValue?
        if request.responseFormat == .json {
            if let schema = request.jsonSchema {
                format = ["type": "json_schema",
                          "json_schema": ["name": .string(schema.name), "strict": true, "schema": try ModelJSON.parse(schema.schema)]]
            } else {
                format = ["type": "json_object"]
                if !messages.contains(where: { $0.content.lowercased().contains("json") }) {
                    messages.insert(.init(role: "system", content: "Answer with one JSON object."), at: 0)
                }
            }
        }
        return OpenAIWire.ChatRequest(model: model, messages: messages, temperature: request.temperature,
                                      max_completion_tokens: request.maxTokens, response_format: format, stream: true,
                                      stream_options: .init(include_usage: true))
    }

    static func error(status: Int, headers: HTTPFields, body: [UInt8], exchange: ProviderExchange) -> ProviderError {
        let envelope = try? JSONDecoder().decode(OpenAIWire.ErrorEnvelope.self, from: Data(body))
        let code = envelope?.error?.code ?? envelope?.error?.type
        let kind: ProviderError.Kind? = switch code {
        case "insufficient_quota": .quotaExceeded
        case "context_length_exceeded": .contextTooLong
        case "content_filter", "content_policy_violation": .contentFiltered
        default: nil
        }
        return exchange.generic(status: status, headers: headers, requestID: headers["x-request-id"], code: code,
                                message: envelope?.error?.message, kind: kind)
    }
}
