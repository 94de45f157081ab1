import EventLog

extension LogOptions {
    /// Reads the log that LOG names in a store, re-keyed to `--classifier`; `--timings` counts the read as import.
    func load(storedIn store: OpenedStore, tenant: String) async throws -> EventLog {
        requestTimings()
        return try classified(try await PhaseTimings.shared.measureImport { try await store.logs.load(log, tenant: tenant) })
    }

    /// Honours `--timings` on a run that reads no file (a push-down computes in the database: all compute).
    func requestTimings() {
        if timings { PhaseTimings.shared.request() }
    }
}
