import Explain
import Foundation
import Packs
import TracewiseHTTP

/// Ollama's `/api/chat` behind `LanguageModel`, streamed as newline-delimited JSON.
///
/// JSON mode sends `format` as the request's schema when it has one, else `"json"`. The final line
/// (`done: true`) carries the token counts (`prompt_eval_count`, `eval_count`) and the durations in
/// nanoseconds; `total_duration` becomes ``ModelCallSummary/serverSeconds``. A line `{"error": …}` — which Ollama sends mid-stream with
/// status 200 — `done_reason: length`, and a stream that ends before `done: true` throw ``ProviderError``.
///
/// ```swift
/// let model = OllamaChatModel(model: "llama3.2", configuration: try .fromEnvironment(.ollama))
/// ```
public struct OllamaChatModel: StreamingLanguageModel {
    public let model: String
    public let configuration: ProviderConfiguration
    public let policy: ModelCallPolicy

    public init(model: String, configuration: ProviderConfiguration, policy: ModelCallPolicy = ModelCallPolicy()) {
        self.model = model
        self.configuration = configuration
        self.policy = policy
    }

    public var name: String { "ollama:\(model)" }

    public func stream(_ request: LanguageModelRequest) -> AsyncThrowingStream<ModelDelta, any Error> {
        let exchange = ProviderExchange(provider: .ollama, model: model, policy: policy)
        let configuration = configuration
        let model = model
        return exchange.stream(request) { masked, yield in
            let body = try Self.body(masked, model: model)
            let http = try exchange.post(configuration.baseURL + "/api/chat", headers: HTTPFields(), json: body)
            let response = try await exchange.open(http) { status, headers, body in
                Self.error(status: status, headers: headers, body: body, exchange: exchange)
            }
            var end = ProviderExchange.StreamEnd(model: nil, requestID: nil, finishReason: nil, usage: ModelUsage())
            var finished = false
            let decoder = JSONDecoder()
            for try await record in response.body.ndjsonRecords() {
                guard !finished else { continue }
                let line = try decoder.decode(OllamaWire.ChatLine.self, from: Data(record))
                if let error = line.error {
                    throw ProviderError(.streamInterrupted, provider: .ollama, status: 200,
                                     detail: "the stream reported an error after it started", providerMessage: error)
                }
                if let piece = line.message?.content, !piece.isEmpty { yield(piece) }
                if line.done == true {
                    finished = true
                    end.model = line.model
                    end.finishReason = line.done_reason
                    end.usage = ModelUsage(inputTokens: line.prompt_eval_count ?? 0, outputTokens: line.eval_count ?? 0)
                    end.serverSeconds = line.total_duration.map { Double($0) / 1_000_000_000 }
                }
            }
            guard finished else {
                throw ProviderError(.streamInterrupted, provider: .ollama, detail: "the stream ended before done: true")
            }
            if end.finishReason == "length" {
                throw ProviderError(.truncated, provider: .ollama, providerCode: "length", detail: "the reply was cut at the token limit")
            }
            return end
        }
    }

    static func body(_ request: LanguageModelRequest, model: String) throws -> OllamaWire.ChatRequest {
        var format: PackValue?
        if request.responseFormat == .json {
            format = try request.jsonSchema.map { try ModelJSON.parse($0.schema) } ?? "json"
        }
        return OllamaWire.ChatRequest(
            model: model, messages: request.messages.map { .init(role: $0.role.rawValue, content: $0.content) },
            stream: true, format: format, options: .init(temperature: request.temperature, num_predict: request.maxTokens))
    }

    static func error(status: Int, headers: HTTPFields, body: [UInt8], exchange: ProviderExchange) -> ProviderError {
        let message = (try? JSONDecoder().decode(OllamaWire.ErrorBody.self, from: Data(body)))?.error
        let lowered = message?.lowercased() ?? ""
        let kind: ProviderError.Kind? = if lowered.contains("context") && lowered.contains("length") || lowered.contains("too long") {
            .contextTooLong
        } else if status == 404 {
            .invalidRequest
        } else {
            nil
        }
        return exchange.generic(status: status, headers: headers, requestID: nil, code: nil, message: message, kind: kind)
    }
}
