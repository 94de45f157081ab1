import EventLog

/// A bounded cache of embeddings keyed by the SHA-256 of the text (the text itself is not kept), evicting
/// the least recently used entry when full.
public actor EmbeddingCache {
    public let capacity: Int
    private var vectors: [[UInt8]: (vector: [Float], tick: Int)] = [:]
    private var tick = 0

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// The key of `text`.
    public static func key(_ text: String) -> [UInt8] { SHA256.digest(Array(text.utf8)) }

    public func vector(forKey key: [UInt8]) -> [Float]? {
        guard var entry = vectors[key] else { return nil }
        tick += 1
        entry.tick = tick
        vectors[key] = entry
        return entry.vector
    }

    public func store(_ vector: [Float], forKey key: [UInt8]) {
        tick += 1
        if vectors[key] == nil, vectors.count >= capacity,
           let oldest = vectors.min(by: { $0.value.tick < $1.value.tick })?.key {
            vectors[oldest] = nil
        }
        vectors[key] = (vector, tick)
    }

    public var count: Int { vectors.count }
}
