import Foundation

/// The bodies a ``FakeLLMServer`` sends, per provider and scenario.
enum FakeLLMReplies {
    static func reply(_ provider: FakeLLMProvider, scenario: FakeLLMScenario, request: FakeRequest, chunkSizes: [Int]) -> FakeReply {
        let wantsJSONTool = request.bodyText.contains("\"tool_choice\"")
        let inputTokens = max(1, request.body.count / 4)
        switch scenario {
        case .reply(let text), .slowHead(_, let text):
            return stream(provider, text: text, finish: .stop, tool: wantsJSONTool, inputTokens: inputTokens,
                          request: request, chunkSizes: chunkSizes)
        case .truncated(let text):
            return stream(provider, text: text, finish: .length, tool: wantsJSONTool, inputTokens: inputTokens,
                          request: request, chunkSizes: chunkSizes)
        case .refusal(let text):
            return stream(provider, text: text, finish: .refusal, tool: false, inputTokens: inputTokens, request: request,
                          chunkSizes: chunkSizes)
        case .cutMidway(let text):
            let full = streamText(provider, text: text, finish: .stop, tool: wantsJSONTool, inputTokens: inputTokens, request: request)
            return .stream(full, contentType: contentType(provider), chunkSizes: chunkSizes, headers: requestIdHeader(provider),
                           cutAfter: full.utf8.count / 2)
        case .midStreamError(let text):
            return stream(provider, text: text, finish: .error, tool: wantsJSONTool, inputTokens: inputTokens, request: request,
                          chunkSizes: chunkSizes)
        case .rateLimited(let hint):
            var headers = requestIdHeader(provider)
            switch hint {
            case .retryAfterMilliseconds(let ms): headers.append(("retry-after-ms", String(ms)))
            case .retryAfterSeconds(let s): headers.append(("retry-after", String(s)))
            case .retryAfterDate(let s):
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "GMT")
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
                headers.append(("retry-after", formatter.string(from: Date().addingTimeInterval(Double(s)))))
            case .shouldNotRetry: headers.append(("x-should-retry", "false"))
            case .none: break
            }
            return error(provider, status: 429, type: "rate_limit_error", code: "rate_limit_exceeded",
                         message: "Rate limit reached. Please try again later.", headers: headers)
        case .insufficientQuota:
            return error(provider, status: 429, type: "insufficient_quota", code: "insufficient_quota",
                         message: "You exceeded your current quota.", headers: requestIdHeader(provider))
        case .overloaded:
            return error(provider, status: provider == .anthropic ? 529 : 503, type: "overloaded_error", code: nil,
                         message: "Overloaded", headers: requestIdHeader(provider))
        case .serverError:
            return error(provider, status: 500, type: "api_error", code: nil, message: "Internal error", headers: requestIdHeader(provider))
        case .invalidRequest:
            return error(provider, status: 400, type: "invalid_request_error", code: nil, message: "Invalid request",
                         headers: requestIdHeader(provider))
        case .unauthorized:
            return error(provider, status: 401, type: "authentication_error", code: "invalid_api_key", message: "Incorrect API key",
                         headers: requestIdHeader(provider))
        }
    }

    enum Finish { case stop, length, refusal, error }

    static func contentType(_ provider: FakeLLMProvider) -> String {
        provider == .ollama ? "application/x-ndjson" : "text/event-stream"
    }

    static func requestIdHeader(_ provider: FakeLLMProvider) -> [(String, String)] {
        switch provider {
        case .openai: [("x-request-id", "req_fake_openai")]
        case .anthropic: [("request-id", "req_fake_anthropic")]
        case .ollama: []
        }
    }

    static func stream(_ provider: FakeLLMProvider, text: String, finish: Finish, tool: Bool, inputTokens: Int,
                       request: FakeRequest, chunkSizes: [Int]) -> FakeReply {
        .stream(streamText(provider, text: text, finish: finish, tool: tool, inputTokens: inputTokens, request: request),
                contentType: contentType(provider), chunkSizes: chunkSizes, headers: requestIdHeader(provider))
    }

    static func streamText(_ provider: FakeLLMProvider, text: String, finish: Finish, tool: Bool, inputTokens: Int,
                           request: FakeRequest) -> String {
        let pieces = FakeJSON.pieces(text)
        let outputTokens = max(1, text.count / 4)
        let model = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["model"] as? String ?? "fake"
        switch provider {
        case .openai:
            func chunk(_ choices: String, usage: String = "") -> String {
                "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\(FakeJSON.string(model)),\"choices\":[\(choices)]\(usage)}\r\n\r\n"
            }
            var out = chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}")
            for piece in pieces {
                let field = finish == .refusal ? "refusal" : "content"
                out += chunk("{\"index\":0,\"delta\":{\"\(field)\":\(FakeJSON.string(piece))},\"logprobs\":null,\"finish_reason\":null}")
            }
            if finish == .error {
                return out + "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"
            }
            let reason = finish == .length ? "length" : "stop"
            out += chunk("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"\(reason)\"}")
            if request.bodyText.contains("\"include_usage\":true") {
                out += chunk("", usage: ",\"usage\":{\"prompt_tokens\":\(inputTokens),\"completion_tokens\":\(outputTokens),\"total_tokens\":\(inputTokens + outputTokens)}")
            }
            return out + "data: [DONE]\n\n"
        case .anthropic:
            func event(_ name: String, _ data: String) -> String { "event: \(name)\ndata: \(data)\n\n" }
            var out = event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\(FakeJSON.string(model)),\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":\(inputTokens),\"output_tokens\":1}}}")
            let block = tool ? "{\"type\":\"tool_use\",\"id\":\"toolu_fake\",\"name\":\"emit_json\",\"input\":{}}" : "{\"type\":\"text\",\"text\":\"\"}"
            out += event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":\(block)}")
            out += event("ping", "{\"type\": \"ping\"}")
            for piece in pieces where finish != .refusal {
                let delta = tool ? "{\"type\":\"input_json_delta\",\"partial_json\":\(FakeJSON.string(piece))}"
                    : "{\"type\":\"text_delta\",\"text\":\(FakeJSON.string(piece))}"
                out += event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":\(delta)}")
            }
            if finish == .error {
                return out + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
            }
            out += event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            let reason = switch finish {
            case .length: "max_tokens"
            case .refusal: "refusal"
            default: tool ? "tool_use" : "end_turn"
            }
            out += event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"\(reason)\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":\(outputTokens)}}")
            return out + event("message_stop", "{\"type\":\"message_stop\"}")
        case .ollama:
            var out = ""
            for piece in pieces {
                out += "{\"model\":\(FakeJSON.string(model)),\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"message\":{\"role\":\"assistant\",\"content\":\(FakeJSON.string(piece))},\"done\":false}\n"
            }
            if finish == .error { return out + "{\"error\":\"an error was encountered while running the model\"}\n" }
            let reason = finish == .length ? "length" : "stop"
            return out + "{\"model\":\(FakeJSON.string(model)),\"created_at\":\"2023-08-04T19:22:45.499127Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"\(reason)\",\"total_duration\":4883583458,\"load_duration\":1334875,\"prompt_eval_count\":\(inputTokens),\"prompt_eval_duration\":342546000,\"eval_count\":\(outputTokens),\"eval_duration\":4535599000}\n"
        }
    }

    static func error(_ provider: FakeLLMProvider, status: Int, type: String, code: String?, message: String,
                      headers: [(String, String)]) -> FakeReply {
        let body = switch provider {
        case .openai:
            "{\"error\":{\"message\":\(FakeJSON.string(message)),\"type\":\(FakeJSON.string(type)),\"param\":null,\"code\":\(code.map(FakeJSON.string) ?? "null")}}"
        case .anthropic:
            "{\"type\":\"error\",\"error\":{\"type\":\(FakeJSON.string(type == "insufficient_quota" ? "billing_error" : type)),\"message\":\(FakeJSON.string(message))},\"request_id\":\"req_fake_anthropic\"}"
        case .ollama:
            "{\"error\":\(FakeJSON.string(message))}"
        }
        return .json(status: status, body, headers: headers)
    }

    static func embeddings(_ provider: FakeLLMProvider, request: FakeRequest) -> FakeReply {
        guard let json = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
            return error(provider, status: 400, type: "invalid_request_error", code: nil, message: "bad JSON", headers: [])
        }
        let inputs = (json["input"] as? [String]) ?? (json["input"] as? String).map { [$0] } ?? []
        let dimensions = json["dimensions"] as? Int ?? 8
        let model = json["model"] as? String ?? "fake-embed"
        let vectors = inputs.map { FakeJSON.vector(for: $0, dimensions: dimensions) }
        let tokens = inputs.reduce(0) { $0 + max(1, $1.count / 4) }
        switch provider {
        case .ollama:
            let list = vectors.map { "[" + $0.map { String($0) }.joined(separator: ",") + "]" }.joined(separator: ",")
            return .json("{\"model\":\(FakeJSON.string(model)),\"embeddings\":[\(list)],\"total_duration\":14143917,\"load_duration\":1019500,\"prompt_eval_count\":\(tokens)}")
        default:
            let base64 = json["encoding_format"] as? String == "base64"
            let items = vectors.enumerated().map { index, vector in
                let embedding: String
                if base64 {
                    var bytes: [UInt8] = []
                    for value in vector {
                        let bits = value.bitPattern
                        bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
                    }
                    embedding = FakeJSON.string(Data(bytes).base64EncodedString())
                } else {
                    embedding = "[" + vector.map { String($0) }.joined(separator: ",") + "]"
                }
                return "{\"object\":\"embedding\",\"index\":\(index),\"embedding\":\(embedding)}"
            }.joined(separator: ",")
            return .json("{\"object\":\"list\",\"data\":[\(items)],\"model\":\(FakeJSON.string(model)),\"usage\":{\"prompt_tokens\":\(tokens),\"total_tokens\":\(tokens)}}",
                         headers: requestIdHeader(provider))
        }
    }
}
