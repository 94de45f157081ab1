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
    ///
    /// Texts are matched by their UTF-8 bytes, not by `==`: `String` equality treats canonically equivalent texts
    /// (`"café"` precomposed and decomposed) as equal, but an embedding may tell them apart, and the vector stored must
    /// be the one the embedding gives for the remembered text's own bytes.
    mutating func take(_ text: String) -> Embedded? {
        guard let i = waiting.lastIndex(where: { $0.text.utf8.elementsEqual(text.utf8) }) else { return nil }
        return waiting.remove(at: i)
    }
}
