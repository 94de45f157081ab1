import Agents

/// An `EmbeddingProvider` backed by a service that embeds many texts per request: texts are
/// looked up in a bounded ``EmbeddingCache`` by hash, the missing ones sent in batches, and every vector
/// checked to have `dimensions` elements.
public protocol BatchedEmbeddingProvider: EmbeddingProvider {
    /// The most texts per request.
    var batchSize: Int { get }
    var cache: EmbeddingCache { get }
    /// Embeds one batch (already masked) with one request, vectors in input order.
    func embedUncached(_ texts: [String]) async throws -> [[Float]]
    /// The redactor applied to texts before they are sent (and before they are hashed for the cache).
    var redactor: Redactor { get }
    var provider: ModelProvider { get }
}

extension BatchedEmbeddingProvider {
    public func embed(_ text: String) async throws -> [Float] {
        try await embed([text])[0]
    }

    /// The vectors of `texts`, in order.
    /// - Throws: ``ProviderError`` (`invalidResponse` when a vector has the wrong length or the count differs).
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        let masked = texts.map(redactor.redact)
        let keys = masked.map(EmbeddingCache.key)
        var result = [[Float]?](repeating: nil, count: texts.count)
        var missing: [Int] = []
        for (index, key) in keys.enumerated() {
            if let cached = await cache.vector(forKey: key) { result[index] = cached } else { missing.append(index) }
        }
        var start = 0
        while start < missing.count {
            try Task.checkCancellation()
            let batch = Array(missing[start..<min(missing.count, start + max(1, batchSize))])
            let vectors = try await embedUncached(batch.map { masked[$0] })
            guard vectors.count == batch.count else {
                throw ProviderError(.invalidResponse, provider: provider,
                                 detail: "asked for \(batch.count) embeddings, got \(vectors.count)")
            }
            for (index, vector) in zip(batch, vectors) {
                guard vector.count == dimensions else {
                    throw ProviderError(.invalidResponse, provider: provider,
                                     detail: "an embedding has \(vector.count) dimensions, expected \(dimensions)")
                }
                result[index] = vector
                await cache.store(vector, forKey: keys[index])
            }
            start += batch.count
        }
        return result.map { $0 ?? [] }
    }
}
