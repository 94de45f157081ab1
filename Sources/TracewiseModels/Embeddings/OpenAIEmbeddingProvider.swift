import Agents
import Foundation
import TracewiseHTTP

/// OpenAI `/embeddings` as an `EmbeddingProvider`: batched, cached by text hash, dimension-checked,
/// with `dimensions` sent for models that can shorten vectors and `encoding_format` `float` or `base64`
/// (little-endian float32, a third of the bytes on the wire).
///
/// ```swift
/// let embedding = OpenAIEmbeddingProvider(model: "text-embedding-3-small", dimensions: 256,
///                                         configuration: try .fromEnvironment(.openai))
/// let memory = TenantMemory(embedding: embedding)
/// ```
public struct OpenAIEmbeddingProvider: BatchedEmbeddingProvider {
    public enum Encoding: String, Sendable { case float, base64 }

    public let model: String
    public let dimensions: Int
    public let configuration: ProviderConfiguration
    public let policy: ModelCallPolicy
    public let encoding: Encoding
    public let batchSize: Int
    public let cache: EmbeddingCache
    /// Whether to send `dimensions` (text-embedding-3 models accept it; older ones reject it).
    public let sendsDimensions: Bool

    public init(model: String, dimensions: Int, configuration: ProviderConfiguration, policy: ModelCallPolicy = ModelCallPolicy(),
                encoding: Encoding = .base64, batchSize: Int = 256, cache: EmbeddingCache = EmbeddingCache(),
                sendsDimensions: Bool = true) {
        self.model = model
        self.dimensions = dimensions
        self.configuration = configuration
        self.policy = policy
        self.encoding = encoding
        self.batchSize = batchSize
        self.cache = cache
        self.sendsDimensions = sendsDimensions
    }

    public var redactor: Redactor { policy.redactor }
    public var provider: ModelProvider { .openai }

    public func embedUncached(_ texts: [String]) async throws -> [[Float]] {
        let exchange = ProviderExchange(provider: .openai, model: model, policy: policy)
        do {
            if let ledger = policy.ledger {
                try await ledger.admit(tenantID: policy.tenantID, estimatedTokens: texts.reduce(0) { $0 + $1.count } / 4)
            }
            var headers = HTTPFields()
            if let key = configuration.apiKey { headers.append("authorization", "Bearer \(key.value)") }
            let body = OpenAIWire.EmbeddingRequest(model: model, input: texts, encoding_format: encoding.rawValue,
                                                   dimensions: sendsDimensions ? dimensions : nil)
            let request = try exchange.post(configuration.baseURL + "/embeddings", headers: headers, json: body)
            let response = try await exchange.open(request) { status, headers, body in
                OpenAIChatModel.error(status: status, headers: headers, body: body, exchange: exchange)
            }
            let bytes = try await response.collect(upTo: 256 << 20)
            let decoded = try JSONDecoder().decode(OpenAIWire.EmbeddingResponse.self, from: Data(bytes))
            let tokens = decoded.usage?.prompt_tokens ?? 0
            await policy.ledger?.record(tenantID: policy.tenantID, tokens: tokens)
            ModelUsageMetrics.recordEmbedding(provider: .openai, model: model, texts: texts.count, inputTokens: tokens,
                                               factory: policy.metricsFactory)
            var vectors = [[Float]](repeating: [], count: texts.count)
            for item in decoded.data where vectors.indices.contains(item.index) {
                vectors[item.index] = try Self.floats(item.embedding, requestID: response.headers["x-request-id"])
            }
            return vectors
        } catch {
            throw exchange.modelError(error) ?? error
        }
    }

    static func floats(_ vector: OpenAIWire.EmbeddingVector, requestID: String?) throws -> [Float] {
        switch vector {
        case .floats(let values):
            return values
        case .base64(let text):
            guard let data = Data(base64Encoded: text), data.count % 4 == 0 else {
                throw ProviderError(.invalidResponse, provider: .openai, requestID: requestID,
                                 detail: "a base64 embedding is not whole float32 values")
            }
            return stride(from: 0, to: data.count, by: 4).map { offset in
                let bits = UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16
                    | UInt32(data[offset + 3]) << 24
                return Float(bitPattern: bits)
            }
        }
    }
}
