/// Keeps extractors' state in memory, per tenant and source.
public actor InMemorySourceStateStore: SourceStateStore {
    private struct Key: Hashable {
        var tenant: String
        var source: String
    }

    private var stored: [Key: SourceState] = [:]

    public init() {}

    public func sourceState(source: String, tenant: String) -> SourceState? {
        stored[Key(tenant: tenant, source: source)]
    }

    public func saveSourceState(_ state: SourceState, source: String, tenant: String) throws {
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(source, as: "source")
        let key = Key(tenant: tenant, source: source)
        let history = stored[key]?.reports ?? []
        guard state.reports.count >= history.count else { throw StoreError.historyConflict(stored: history.count, given: state.reports.count) }
        stored[key] = SourceState(document: state.document, reports: history + state.reports[history.count...])
    }
}
