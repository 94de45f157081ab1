import Explain
import Foundation
import TracewiseHTTPTesting
import TracewiseModels

/// Client overhead of the language-model clients: requests/s of the whole client (redaction, JSON body,
/// HTTP through the shared transport, SSE/NDJSON parsing, usage and metrics) against the loopback fake,
/// which answers at once, so the figure is what the client costs per call.
///
/// Usage: `model-client-timer [REQUESTS] [CONCURRENCY]` (defaults 2000 and 8). Prints one JSON line per
/// provider and mode: `{"provider","mode":"streaming"|"collected","requests","concurrency","seconds","requestsPerSecond"}`.
/// "streaming" consumes the `AsyncThrowingStream` of deltas; "collected" calls `complete(_:)`. Both stream on
/// the wire (the clients always ask for a stream); the reply is 24 pieces of text.
let arguments = CommandLine.arguments
let requests = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 2000) : 2000
let concurrency = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 8) : 8
let reply = String(repeating: "The case waits 4.2 days. ", count: 5)
let request = LanguageModelRequest(messages: [.system("Be terse."), .user("Summarise: cycle time 4.2 days, 13,087 cases.")],
                                   maxTokens: 128)

func run(_ model: any StreamingLanguageModel, streaming: Bool) async throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var index = worker
                while index < requests {
                    if streaming {
                        var characters = 0
                        for try await delta in model.stream(request) {
                            if case .text(let piece) = delta { characters += piece.count }
                        }
                        precondition(characters == reply.count)
                    } else {
                        let text = try await model.complete(request).text
                        precondition(text == reply)
                    }
                    index += concurrency
                }
            }
        }
        try await group.waitForAll()
    }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

for provider in FakeLLMProvider.allCases {
    let fake = try await FakeLLMServer(provider, chunkSizes: []) { _, _ in .reply(reply) }
    let kind = ModelProvider(rawValue: provider.rawValue)!
    let model = LanguageModels.make(ModelSelection(provider: kind, model: "bench"),
                                    configuration: ProviderConfiguration(provider: kind, baseURL: fake.baseURL, apiKey: APIKey("bench")))
    _ = try await run(model, streaming: true)   // warm the connection pool
    for streaming in [true, false] {
        let seconds = try await run(model, streaming: streaming)
        let line = String(format: #"{"provider":"%@","mode":"%@","requests":%d,"concurrency":%d,"seconds":%.3f,"requestsPerSecond":%.0f}"#,
                          provider.rawValue, streaming ? "streaming" : "collected", requests, concurrency, seconds,
                          Double(requests) / seconds)
        print(line)
    }
    try await fake.shutdown()
}
