/// Per-tenant memory of past exceptions for similarity search: a vector index (cosine top-k over
/// embeddings from an ``EmbeddingProvider``) combined with keyword overlap, with filters.
///
/// Each tenant's entries live in a separate index inside the actor, and every call names the tenant, so one
/// tenant's query can never reach another's entries. Each tenant keeps the most recent `capacityPerType`
/// entries per exception type, so a search costs at most that many comparisons when filtered by type.
///
/// With a ``MemoryStore`` the entries survive restarts and are shared by every process using the store: a
/// tenant's entries are loaded on its first use, what is remembered is written to the store, and before a search
/// what other processes remembered is fetched, at most once per `refreshInterval` (see
/// TenantMemory+Persistence.swift for the staleness bound).
///
/// ```swift
/// let memory = TenantMemory(embedding: HashedNGramEmbedding())
/// try await memory.remember(MemoryEntry(id: "e1", tenantId: "acme", text: "settlement failed", exceptionType: "SETTLEMENT_FAIL"))
/// let hits = try await memory.search(tenantId: "acme", text: "settlement fail", k: 3)
/// ```
public actor TenantMemory {
    let embedding: any EmbeddingProvider
    private var indexes: [String: TenantIndex] = [:]
    /// What recent searches embedded, for ``remember(_:)`` of the same text.
    private var recent = RecentEmbeddings()
    /// The store the entries persist in and what was read from it; nil keeps them in this process only.
    var persistence: MemoryPersistence?
    /// Weight of the vector score in the hybrid score; the keyword score gets `1 - vectorWeight`.
    public let vectorWeight: Double

    /// How many entries each tenant keeps per exception type; the oldest are forgotten first.
    public let capacityPerType: Int

    /// - Parameters:
    ///   - embedding: turns texts into the vectors searched.
    ///   - vectorWeight: weight of the vector score in the hybrid score (0–1); the keyword score gets the rest.
    ///   - capacityPerType: how many entries each tenant keeps per exception type.
    ///   - store: where entries persist and are shared with other processes; nil keeps them in this process.
    ///   - writes: how ``remember(_:)`` reaches the store: at once, or left for the caller to commit in its own
    ///     transaction (``takeUnsaved(tenantID:entryID:)``).
    ///   - refreshInterval: the longest a search goes without fetching what other processes remembered.
    public init(embedding: any EmbeddingProvider = HashedNGramEmbedding(), vectorWeight: Double = 0.7,
                capacityPerType: Int = 1_000, store: (any MemoryStore)? = nil, writes: MemoryWrites = .immediate,
                refreshInterval: Duration = .milliseconds(200)) {
        self.embedding = embedding
        self.vectorWeight = min(1, max(0, vectorWeight))
        self.capacityPerType = max(1, capacityPerType)
        persistence = store.map { MemoryPersistence(store: $0, writes: writes, refreshInterval: refreshInterval) }
    }

    /// Stores (or replaces, by id) an entry in its tenant's index.
    ///
    /// A text one of the last searches looked for is not embedded again: its vector is reused (the pipeline searches
    /// an exception's text in triage and remembers the same text in feedback).
    public func remember(_ entry: MemoryEntry) async throws {
        let vector: [Float]
        let keywords: Set<String>
        if let embedded = recent.take(entry.text) {
            (vector, keywords) = (embedded.vector, embedded.keywords)
        } else {
            (vector, keywords) = (try await embedding.embed(entry.text), MemoryEntry.keywords(of: entry.text))
        }
        if persistence != nil { try await persist(MemoryRecord(entry: entry, vector: vector)) }
        insert(entry, vector: vector, keywords: keywords)
    }

    /// Puts an entry into its tenant's index (replacing one with its id).
    /// - Parameter keywords: the keywords of the entry's text, when they are at hand.
    func insert(_ entry: MemoryEntry, vector: [Float], keywords: Set<String>? = nil) {
        indexes[entry.tenantID, default: TenantIndex(capacity: capacityPerType)]
            .upsert(entry, vector: vector, keywords: keywords ?? MemoryEntry.keywords(of: entry.text))
    }

    /// The number of entries a tenant has.
    public func count(tenantID: String) -> Int { indexes[tenantID]?.count ?? 0 }

    /// The `k` best matches for `text` in `tenantId`'s memory, best first, after `filter`.
    ///
    /// Every admitted entry is scored, but only the best `k` are kept while scanning (a short sorted list,
    /// not a sort of every candidate) and only they become ``MemoryHit``s: a search runs once per exception,
    /// over up to `capacityPerType` entries. A bucket's embeddings are stored component by component
    /// (``VectorColumns``) and its keywords as numbers (``KeywordColumns``), so the scores of a whole bucket come
    /// from a few passes over flat arrays; they are bit for bit those of the dense product and the `Set<String>`
    /// overlap, and ids are compared only to order equal scores.
    public func search(tenantID: String, text: String, k: Int = 5, filter: MemoryFilter = MemoryFilter()) async throws -> [MemoryHit] {
        if persistence != nil { try await synchronize(tenantID: tenantID) }
        guard let index = indexes[tenantID], k > 0 else { return [] }
        let query = try await embedding.embed(text)
        let queryWords = MemoryEntry.keywords(of: text)
        recent.add(RecentEmbeddings.Embedded(text: text, vector: query, keywords: queryWords))
        let buckets = index.candidates(filter)
        // A bucket holds one exception type, so only severity, domain or the type "" (which nil shares) need a check.
        let admitsAll = filter.severity == nil && filter.domain == nil && filter.exceptionType != ""
        let (vectorWeight, keywordWeight) = (vectorWeight, 1 - vectorWeight)
        var best: [Scored] = []
        best.reserveCapacity(k + 1)
        func ranksBefore(_ a: Scored, _ b: Scored) -> Bool {
            a.score != b.score ? a.score > b.score : buckets[a.bucket].entries[a.index].id < buckets[b.bucket].entries[b.index].id
        }
        for (b, bucket) in buckets.enumerated() {
            let vectorScores = bucket.vectors.dots(query)
            let keywordScores = bucket.keywords.jaccard(queryWords)
            for i in 0..<vectorScores.count where admitsAll || filter.admits(bucket.entries[i]) {
                let vectorScore = Double(vectorScores[i])
                let keywordScore = keywordScores[i]
                let candidate = Scored(score: vectorWeight * vectorScore + keywordWeight * keywordScore,
                                       vectorScore: vectorScore, keywordScore: keywordScore, bucket: b, index: i)
                if best.count == k, let last = best.last, !ranksBefore(candidate, last) { continue }
                let position = best.firstIndex { ranksBefore(candidate, $0) } ?? best.endIndex
                best.insert(candidate, at: position)
                if best.count > k { best.removeLast() }
            }
        }
        return best.map { MemoryHit(entry: buckets[$0.bucket].entries[$0.index], score: $0.score, vectorScore: $0.vectorScore,
                                    keywordScore: $0.keywordScore) }
    }

    /// A candidate's scores and where it is, before it is made a ``MemoryHit``.
    private struct Scored {
        let score: Double
        let vectorScore: Double
        let keywordScore: Double
        let bucket: Int
        let index: Int
    }

    /// One tenant's entries, in buckets by exception type so a filtered search scans one bucket. Each bucket
    /// keeps the most recent `capacity` entries (the oldest is overwritten), which bounds search cost.
    private struct TenantIndex {
        var buckets: [String: MemoryBucket] = [:]
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
        }

        var count: Int { buckets.values.reduce(0) { $0 + $1.entries.count } }

        mutating func upsert(_ entry: MemoryEntry, vector: [Float], keywords: Set<String>) {
            let type = entry.exceptionType ?? ""
            for key in buckets.keys where key != type { buckets[key]?.remove(id: entry.id) }
            buckets[type, default: MemoryBucket()].upsert(entry, vector: vector, keywords: keywords, capacity: capacity)
        }

        func candidates(_ filter: MemoryFilter) -> [MemoryBucket] {
            if let type = filter.exceptionType { return buckets[type].map { [$0] } ?? [] }
            return Array(buckets.values)
        }
    }
}

/// One remembered exception.
public struct MemoryEntry: Sendable, Codable, Hashable {
    public var id: String
    public var tenantID: String
    public var text: String
    public var exceptionType: String?
    public var severity: String?
    public var domain: String?
    /// What happened to it (resolution status, playbook), for evidence.
    public var outcome: String?

    public init(id: String, tenantID: String, text: String, exceptionType: String? = nil, severity: String? = nil,
                domain: String? = nil, outcome: String? = nil) {
        self.id = id
        self.tenantID = tenantID
        self.text = text
        self.exceptionType = exceptionType
        self.severity = severity
        self.domain = domain
        self.outcome = outcome
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case id, tenantID = "tenantId", text, exceptionType, severity, domain, outcome
    }
}

/// Restricts a memory search; nil fields do not filter.
public struct MemoryFilter: Sendable, Hashable {
    public var exceptionType: String?
    public var severity: String?
    public var domain: String?

    public init(exceptionType: String? = nil, severity: String? = nil, domain: String? = nil) {
        self.exceptionType = exceptionType
        self.severity = severity
        self.domain = domain
    }

    func admits(_ entry: MemoryEntry) -> Bool {
        (exceptionType == nil || entry.exceptionType == exceptionType)
            && (severity == nil || entry.severity == severity)
            && (domain == nil || entry.domain == domain)
    }
}

/// A search result with its hybrid score and the two parts it combines.
public struct MemoryHit: Sendable, Codable, Hashable {
    public var entry: MemoryEntry
    public var score: Double
    public var vectorScore: Double
    public var keywordScore: Double
}
