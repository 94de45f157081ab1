import Explain
import Foundation
import Packs
import TracewiseHTTP

/// Anthropic Messages behind `LanguageModel`, always streamed over named server-sent events
/// (`message_start`, `content_block_*`, `ping`, `message_delta`, `message_stop`, and `error` mid-stream).
///
/// **JSON output** uses forced tool use, the method Anthropic documents for structured output: the request
/// declares one tool, `emit_json`, whose `input_schema` is the request's schema (or any object), with
/// `tool_choice: {type: tool, name: emit_json}`. The model must then answer with that tool call, whose
/// input arrives as `input_json_delta` pieces — the reply text is exactly that JSON, with no prose or
/// fences around it. A prefilled `{` assistant turn was not chosen: it constrains only the first character
/// and still lets the model add prose after the object.
///
/// `stop_reason` `max_tokens`, `refusal` and `model_context_window_exceeded`, an `error` event, and a
/// stream that ends before `message_stop` throw ``ProviderError``.
///
/// ```swift
/// let model = AnthropicChatModel(model: "claude-sonnet-4-5", configuration: try .fromEnvironment(.anthropic))
/// ```
public struct AnthropicChatModel: StreamingLanguageModel {
    public let model: String
    public let configuration: ProviderConfiguration
    public let policy: ModelCallPolicy
    /// The reply budget when a request sets none (the API requires one).
    public let defaultMaxTokens: Int

    /// The tool through which JSON replies are forced.
    static let jsonTool = "emit_json"

    public init(model: String, configuration: ProviderConfiguration, policy: ModelCallPolicy = ModelCallPolicy(),
                defaultMaxTokens: Int = 1024) {
        self.model = model
        self.configuration = configuration
        self.policy = policy
        self.defaultMaxTokens = defaultMaxTokens
    }

    public var name: String { "anthropic:\(model)" }

    public func stream(_ request: LanguageModelRequest) -> AsyncThrowingStream<ModelDelta, any Error> {
        let exchange = ProviderExchange(provider: .anthropic, model: model, policy: policy)
        let configuration = configuration
        let model = model
        let defaultMaxTokens = defaultMaxTokens
        return exchange.stream(request) { masked, yield in
            let body = try Self.body(masked, model: model, defaultMaxTokens: defaultMaxTokens)
            var headers = HTTPFields()
            if let key = configuration.apiKey { headers.append("x-api-key", key.value) }
            headers.append("anthropic-version", configuration.anthropicVersion)
            headers.append("accept", "text/event-stream")
            let http = try exchange.post(configuration.baseURL + "/v1/messages", headers: headers, json: body)
            let response = try await exchange.open(http) { status, headers, body in
                Self.error(status: status, headers: headers, body: body, exchange: exchange)
            }
            var requestID = response.headers["request-id"]
            var end = ProviderExchange.StreamEnd(model: nil, requestID: requestID, finishReason: nil, usage: ModelUsage())
            let json = masked.responseFormat == .json
            var toolBlocks: Set<Int> = []
            var stopped = false
            let decoder = JSONDecoder()
            for try await event in response.body.serverSentEvents() {
                guard !stopped, event.event != "ping" else { continue }
                let payload = try decoder.decode(AnthropicWire.Event.self, from: Data(event.data.utf8))
                switch payload.type {
                case "message_start":
                    requestID = requestID ?? payload.message?.id
                    end.model = payload.message?.model
                    end.usage.inputTokens = payload.message?.usage?.input_tokens ?? 0
                    end.usage.outputTokens = payload.message?.usage?.output_tokens ?? 0
                case "content_block_start":
                    if payload.content_block?.type == "tool_use", let index = payload.index { toolBlocks.insert(index) }
                case "content_block_delta":
                    let isTool = payload.index.map(toolBlocks.contains) ?? false
                    if json, isTool, let piece = payload.delta?.partial_json, !piece.isEmpty { yield(piece) }
                    if !json, let piece = payload.delta?.text, !piece.isEmpty { yield(piece) }
                case "message_delta":
                    end.finishReason = payload.delta?.stop_reason ?? end.finishReason
                    if let output = payload.usage?.output_tokens { end.usage.outputTokens = output }
                    if let input = payload.usage?.input_tokens, input > 0 { end.usage.inputTokens = input }
                case "message_stop":
                    stopped = true
                case "error":
                    let kind: ProviderError.Kind = payload.error?.type == "overloaded_error" ? .overloaded : .streamInterrupted
                    throw ProviderError(kind, provider: .anthropic, requestID: payload.request_id ?? requestID,
                                     providerCode: payload.error?.type, detail: "the stream reported an error after it started",
                                     providerMessage: payload.error?.message)
                default:
                    break
                }
            }
            end.requestID = requestID
            guard stopped else {
                throw ProviderError(.streamInterrupted, provider: .anthropic, requestID: requestID,
                                 detail: "the stream ended before message_stop")
            }
            switch end.finishReason {
            case "max_tokens":
                throw ProviderError(.truncated, provider: .anthropic, requestID: requestID, providerCode: "max_tokens",
                                 detail: "the reply was cut at the token limit")
            case "refusal":
                throw ProviderError(.refused, provider: .anthropic, requestID: requestID, providerCode: "refusal",
                                 detail: "the model refused to answer")
            case "model_context_window_exceeded":
                throw ProviderError(.contextTooLong, provider: .anthropic, requestID: requestID,
                                 providerCode: "model_context_window_exceeded", detail: "the context window was exceeded")
            default:
                return end
            }
        }
    }

    static func body(_ request: LanguageModelRequest, model: String, defaultMaxTokens: Int) throws -> AnthropicWire.Request {
        let system = request.messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n\n")
        var messages: [AnthropicWire.Request.Message] = []
        for message in request.messages where message.role != .system {
            let role = message.role == .assistant ? "assistant" : "user"
            if let last = messages.last, last.role == role {
                messages[messages.count - 1].content += "\n\n" + message.content
            } else {
                messages.append(.init(role: role, content: message.content))
            }
        }
        if messages.first?.role != "user" { messages.insert(.init(role: "user", content: "(no input)"), at: 0) }
        var tools: [AnthropicWire.Request.Tool]?
        var choice: AnthropicWire.Request.ToolChoice?
        if request.responseFormat == .json {
            let schema = try request.jsonSchema.map { try ModelJSON.parse($0.schema) } ?? ["type": "object"]
            tools = [.init(name: jsonTool, description: "Return the answer as one JSON object with this schema.", input_schema: schema)]
            choice = .init(type: "tool", name: jsonTool)
        }
        return AnthropicWire.Request(model: model, max_tokens: request.maxTokens ?? defaultMaxTokens,
                                     system: system.isEmpty ? nil : system, messages: messages,
                                     temperature: request.temperature, stream: true, tools: tools, tool_choice: choice)
    }

    static func error(status: Int, headers: HTTPFields, body: [UInt8], exchange: ProviderExchange) -> ProviderError {
        let envelope = try? JSONDecoder().decode(AnthropicWire.Event.self, from: Data(body))
        let type = envelope?.error?.type
        let message = envelope?.error?.message
        let kind: ProviderError.Kind? = switch type {
        case "authentication_error": .authentication
        case "permission_error": .permission
        case "billing_error": .quotaExceeded
        case "rate_limit_error": .rateLimited
        case "overloaded_error": .overloaded
        case "request_too_large": .contextTooLong
        case "invalid_request_error" where message?.lowercased().contains("prompt is too long") == true: .contextTooLong
        case "invalid_request_error", "not_found_error": .invalidRequest
        case "api_error", "gateway_timeout_error": .server
        default: nil
        }
        return exchange.generic(status: status, headers: headers, requestID: headers["request-id"] ?? envelope?.request_id,
                                code: type, message: message, kind: kind)
    }
}
