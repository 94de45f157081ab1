/// One tenant's remembered entries of one exception type, in slots: the most recent `capacity` entries (the oldest
/// slot is overwritten when it is full), with their embeddings in ``VectorColumns`` and their keywords in
/// ``KeywordColumns`` at the same slot, so a search scores the whole bucket from a few flat arrays.
struct MemoryBucket: Sendable {
    private(set) var entries: [MemoryEntry] = []
    private(set) var vectors = VectorColumns()
    private(set) var keywords = KeywordColumns()
    private var positionByID: [String: Int] = [:]
    private var oldest = 0

    /// Stores an entry in the slot of its id, else in a new slot, else over the oldest.
    mutating func upsert(_ entry: MemoryEntry, vector: [Float], keywords words: Set<String>, capacity: Int) {
        if let i = positionByID[entry.id] {
            replace(at: i, with: entry, vector: vector, keywords: words)
        } else if entries.count < capacity {
            positionByID[entry.id] = entries.count
            entries.append(entry)
            vectors.append(vector)
            keywords.append(words)
        } else {
            positionByID[entries[oldest].id] = nil
            positionByID[entry.id] = oldest
            replace(at: oldest, with: entry, vector: vector, keywords: words)
            oldest = (oldest + 1) % capacity
        }
    }

    /// Forgets the entry with `id`, if this bucket has it; the next entries fill new slots before any is overwritten.
    mutating func remove(id: String) {
        guard let i = positionByID.removeValue(forKey: id) else { return }
        entries.remove(at: i)
        vectors.remove(at: i)
        keywords.remove(at: i)
        positionByID = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.id, $0) })
        oldest = 0
    }

    private mutating func replace(at slot: Int, with entry: MemoryEntry, vector: [Float], keywords words: Set<String>) {
        entries[slot] = entry
        vectors.replace(at: slot, with: vector)
        keywords.replace(at: slot, with: words)
    }
}
