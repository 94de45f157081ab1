import Agents
import Foundation
import TracewiseHTTP

/// Ollama `/api/embed` as an `EmbeddingProvider`: batched (`input` as an array), cached by text
/// hash, dimension-checked.
///
/// ```swift
/// let embedding = OllamaEmbeddingProvider(model: "nomic-embed-text", dimensions: 768,
///                                         configuration: try .fromEnvironment(.ollama))
/// ```
public struct OllamaEmbeddingProvider: BatchedEmbeddingProvider {
    public let model: String
    public let dimensions: Int
    public let configuration: ProviderConfiguration
    public let policy: ModelCallPolicy
    public let batchSize: Int
    public let cache: EmbeddingCache

    public init(model: String, dimensions: Int, configuration: ProviderConfiguration, policy: ModelCallPolicy = ModelCallPolicy(),
                batchSize: Int = 64, cache: EmbeddingCache = EmbeddingCache()) {
        self.model = model
        self.dimensions = dimensions
        self.configuration = configuration
        self.policy = policy
        self.batchSize = batchSize
        self.cache = cache
    }

    public var redactor: Redactor { policy.redactor }
    public var provider: ModelProvider { .ollama }

    public func embedUncached(_ texts: [String]) async throws -> [[Float]] {
        let exchange = ProviderExchange(provider: .ollama, model: model, policy: policy)
        do {
            if let ledger = policy.ledger {
                try await ledger.admit(tenantID: policy.tenantID, estimatedTokens: texts.reduce(0) { $0 + $1.count } / 4)
            }
            let body = OllamaWire.EmbedRequest(model: model, input: texts, dimensions: dimensions, truncate: true)
            let request = try exchange.post(configuration.baseURL + "/api/embed", headers: HTTPFields(), json: body)
            let response = try await exchange.open(request) { status, headers, body in
                OllamaChatModel.error(status: status, headers: headers, body: body, exchange: exchange)
            }
            let bytes = try await response.collect(upTo: 256 << 20)
            let decoded = try JSONDecoder().decode(OllamaWire.EmbedResponse.self, from: Data(bytes))
            let tokens = decoded.prompt_eval_count ?? 0
            await policy.ledger?.record(tenantID: policy.tenantID, tokens: tokens)
            ModelUsageMetrics.recordEmbedding(provider: .ollama, model: model, texts: texts.count, inputTokens: tokens,
                                               factory: policy.metricsFactory)
            return decoded.embeddings
        } catch {
            throw exchange.modelError(error) ?? error
        }
    }
}
