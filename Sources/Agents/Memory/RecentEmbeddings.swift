/// The embeddings and keywords of the last few texts a ``TenantMemory`` searched for, so remembering one of them
/// does not embed it again: the pipeline searches an exception's text in triage and remembers the same text in
/// feedback. A text is taken out when it is remembered; the oldest is dropped when more than `limit` wait.
struct RecentEmbeddings: Sendable {
    /// A text with its embedding and keywords.
    struct Embedded: Sendable {
        let text: String
        let vector: [Float]
        let keywords: Set<String>
    }

    private var waiting: [Embedded] = []
    private let limit: Int

    init(limit: Int = 16) {
        self.limit = limit
    }

    mutating func add(_ embedded: Embedded) {
        if waiting.count == limit { waiting.removeFirst() }
        waiting.append(embedded)
    }

    /// The latest embedding of `text`, if it waits here, removed.
    mutating func take(_ text: String) -> Embedded? {
        guard let i = waiting.lastIndex(where: { $0.text == text }) else { return nil }
        return waiting.remove(at: i)
    }
}
