import Explain
import Foundation
import TracewiseHTTP

/// The steps every provider client shares: mask the request, admit it against the tenant's quota, send
/// it with retries until a 2xx head arrives, turn error bodies into ``ProviderError``, run the provider's
/// stream parser, and book usage and metrics. Providers supply only the wire format.
struct ProviderExchange: Sendable {
    let provider: ModelProvider
    let model: String
    let policy: ModelCallPolicy

    /// The largest error body read.
    static let maxErrorBody = 64 << 10

    /// What a provider's parser reports at the end of a stream.
    struct StreamEnd: Sendable {
        var model: String?
        var requestID: String?
        var finishReason: String?
        var usage: ModelUsage
        var serverSeconds: Double?
    }

    /// The request with every message masked by the policy's redactor.
    func redacted(_ request: LanguageModelRequest) -> LanguageModelRequest {
        var copy = request
        copy.messages = request.messages.map { ChatMessage(role: $0.role, content: policy.redactor.redact($0.content)) }
        return copy
    }

    /// A rough token estimate for quota admission: four characters per token plus the reply budget.
    static func estimatedTokens(_ request: LanguageModelRequest) -> Int {
        request.messages.reduce(0) { $0 + $1.content.count } / 4 + (request.maxTokens ?? 1024)
    }

    /// Runs one streamed call. `body` gets the masked request and a function that yields text, and
    /// returns what the stream reported at its end.
    func stream(_ request: LanguageModelRequest,
                _ body: @escaping @Sendable (_ request: LanguageModelRequest, _ yield: @escaping @Sendable (String) -> Void) async throws -> StreamEnd)
        -> AsyncThrowingStream<ModelDelta, any Error> {
        let exchange = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                let start = ContinuousClock.now
                do {
                    let masked = exchange.redacted(request)
                    if let ledger = exchange.policy.ledger {
                        try await ledger.admit(tenantID: exchange.policy.tenantID, estimatedTokens: Self.estimatedTokens(masked))
                    }
                    let end = try await body(masked) { continuation.yield(.text($0)) }
                    let elapsed = start.duration(to: .now)
                    let summary = ModelCallSummary(
                        provider: exchange.provider, model: end.model ?? exchange.model, requestID: end.requestID,
                        finishReason: end.finishReason, usage: end.usage,
                        latencySeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                        serverSeconds: end.serverSeconds)
                    await exchange.policy.ledger?.record(tenantID: exchange.policy.tenantID, tokens: end.usage.totalTokens)
                    ModelUsageMetrics.recordSuccess(summary, factory: exchange.policy.metricsFactory)
                    continuation.yield(.done(summary))
                    continuation.finish()
                } catch {
                    let failure = exchange.modelError(error)
                    if let failure {
                        ModelUsageMetrics.recordFailure(provider: exchange.provider, model: exchange.model, kind: failure.kind,
                                                         factory: exchange.policy.metricsFactory)
                    }
                    continuation.finish(throwing: failure ?? error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Sends `request`, retrying per the policy until a 2xx head arrives.
    /// - Parameter mapError: turns a non-2xx status, its headers and body into the provider's error.
    func open(_ request: HTTPRequest,
              mapError: @escaping @Sendable (_ status: Int, _ headers: HTTPFields, _ body: [UInt8]) -> ProviderError) async throws -> HTTPResponse {
        let transport = policy.transport
        return try await policy.retry.run { _, deadline in
            let response = try await transport.send(request, deadline: deadline)
            guard response.isSuccess else {
                let body = (try? await response.collect(upTo: Self.maxErrorBody)) ?? []
                throw mapError(response.status, response.headers, body)
            }
            return response
        }
    }

    /// The HTTP request with the policy's head timeout.
    func post(_ url: String, headers: HTTPFields, json: some Encodable) throws -> HTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = headers
        fields.set("content-type", "application/json")
        return HTTPRequest(method: .post, url: url, headers: fields, body: Array(try encoder.encode(json)),
                           headTimeout: policy.headTimeout)
    }

    /// `error` as a ``ProviderError``, or nil for cancellation (passed through as is).
    func modelError(_ error: any Error) -> ProviderError? {
        switch error {
        case is CancellationError:
            return nil
        case var modelError as ProviderError:
            if modelError.provider == nil, modelError.kind != .tenantQuotaExceeded { modelError.provider = provider }
            return modelError
        case let transport as HTTPTransportError:
            switch transport.kind {
            case .headTimeout, .deadlineExceeded:
                return ProviderError(.timeout, provider: provider, detail: transport.message)
            case .connection, .invalidURL:
                return ProviderError(.connection, provider: provider, detail: transport.message)
            case .bodyInterrupted, .bodyTooLarge:
                return ProviderError(.streamInterrupted, provider: provider, detail: transport.message)
            }
        case let decoding as StreamDecodingError:
            return ProviderError(.invalidResponse, provider: provider, detail: decoding.message)
        case is DecodingError:
            return ProviderError(.invalidResponse, provider: provider, detail: "the reply is not in the documented shape")
        default:
            return ProviderError(.invalidResponse, provider: provider, detail: "unexpected failure (\(type(of: error)))")
        }
    }

    /// The kind a status implies when the body says nothing more specific, and whether to retry.
    func generic(status: Int, headers: HTTPFields, requestID: String?, code: String?, message: String?,
                 kind: ProviderError.Kind? = nil) -> ProviderError {
        let inferred: ProviderError.Kind = kind ?? {
            switch status {
            case 401: .authentication
            case 403: .permission
            case 408: .timeout
            case 413: .contextTooLong
            case 429: .rateLimited
            case 503, 529: .overloaded
            case 500...599: .server
            default: .invalidRequest
            }
        }()
        let retry: RetryDisposition = inferred == .quotaExceeded ? .fail : policy.retry.disposition(status: status, headers: headers)
        return ProviderError(inferred, provider: provider, status: status, requestID: requestID, providerCode: code,
                          detail: "the \(provider.rawValue) API answered HTTP \(status)", providerMessage: message,
                          retryDisposition: retry)
    }
}
