/// Keeps extractors' state per tenant and source — the cursor a connector resumes from and the history of its
/// pulls — so an incremental pull survives restarts and moves between processes.
///
/// Saving replaces the document and appends the reports the store does not have yet, in one transaction: a
/// crash leaves either the old state or the new one, never a cursor without its events. History is
/// append-only; a save whose history is shorter than the stored one is refused with `conflict`, because it
/// was computed from an older state (two pulls of one source ran at once). ``InMemorySourceStateStore`` ships
/// here; `TracewiseSQLite` and `TracewisePostgres` provide durable ones.
///
/// ```swift
/// let previous = try await store.sourceState(source: "jira", tenant: "acme")
/// try await store.saveSourceState(SourceState(document: cursorJSON, reports: (previous?.reports ?? []) + [reportJSON]),
///                                 source: "jira", tenant: "acme")
/// ```
public protocol SourceStateStore: Sendable {
    /// The stored state of `source` for `tenant`, or nil before its first pull.
    func sourceState(source: String, tenant: String) async throws -> SourceState?
    /// Replaces the document and appends `state.reports[storedCount...]`.
    /// - Throws: ``StoreError`` with `conflict` when `state.reports` is shorter than the stored history.
    func saveSourceState(_ state: SourceState, source: String, tenant: String) async throws
}
