import EventLog
import Foundation

/// Pull state kept in a database store (`TracewiseSQLite`, `TracewisePostgres` or any `SourceStateStore`):
/// the cursor, extracted events and schema as one JSON document per tenant and source, and each pull's report
/// as its own row of the append-only history.
///
/// ```swift
/// let store = StoredPullStateStore(try SQLiteStore(path: "tracewise.sqlite"))
/// let result = try await PullRunner().run(jira, window: window, tenant: "acme", store: store)
/// ```
public struct StoredPullStateStore: PullStateStore {
    public let store: any SourceStateStore

    public init(_ store: any SourceStateStore) {
        self.store = store
    }

    public func load(tenant: String, source: String) async throws -> PullState? {
        guard let stored = try await store.sourceState(source: source, tenant: tenant) else { return nil }
        let decoder = JSONDecoder()
        do {
            var state = try decoder.decode(PullState.self, from: Data(stored.document))
            state.history = try stored.reports.map { try decoder.decode(PullReport.self, from: Data($0)) }
            return state
        } catch {
            throw StoreError(.corrupt, "the stored pull state of \(source) cannot be read: \(error)")
        }
    }

    public func save(_ state: PullState, tenant: String, source: String) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var document = state
        document.history = []
        try await store.saveSourceState(SourceState(document: Array(try encoder.encode(document)),
                                                    reports: try state.history.map { Array(try encoder.encode($0)) }),
                                        source: source, tenant: tenant)
    }
}
