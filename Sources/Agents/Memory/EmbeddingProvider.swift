/// Turns text into a fixed-length vector for similarity search. Hosts may conform their own providers
/// (a hosted embedding API, a local model); ``HashedNGramEmbedding`` is the embedded default.
public protocol EmbeddingProvider: Sendable {
    /// The length of every vector this provider returns.
    var dimensions: Int { get }
    func embed(_ text: String) async throws -> [Float]
}

/// A deterministic embedding with no model and no network: character trigrams and word unigrams of the
/// lower-cased text are hashed (FNV-1a) into `dimensions` buckets with a sign bit, then L2-normalised.
/// Texts sharing words and fragments get high cosine similarity.
public struct HashedNGramEmbedding: EmbeddingProvider {
    public let dimensions: Int

    public init(dimensions: Int = 256) {
        self.dimensions = max(8, dimensions)
    }

    public func embed(_ text: String) async throws -> [Float] { vector(for: text) }

    /// The embedding, synchronously.
    public func vector(for text: String) -> [Float] {
        var v = [Float](repeating: 0, count: dimensions)
        let lowered = Array(text.lowercased().unicodeScalars.map { $0.properties.isAlphabetic || $0.properties.numericType != nil ? $0 : " " })
        let padded = [" "] + lowered + [" "]
        if padded.count >= 3 {
            for i in 0...(padded.count - 3) {
                add(String(String.UnicodeScalarView(padded[i..<i + 3])), weight: 1, to: &v)
            }
        }
        for word in String(String.UnicodeScalarView(lowered)).split(separator: " ") {
            add("w:" + word, weight: 2, to: &v)
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for i in v.indices { v[i] /= norm } }
        return v
    }

    private func add(_ gram: String, weight: Float, to v: inout [Float]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in gram.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let index = Int(hash % UInt64(dimensions))
        v[index] += (hash >> 63) == 0 ? weight : -weight
    }
}
