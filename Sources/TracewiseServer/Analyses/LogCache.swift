import EventLog

/// The few most recently used stored logs, loaded once, and the filtered views analyses with filters look
/// at: slider changes on the map, "why this bottleneck?" and drift checks reuse them instead of reading the
/// store and filtering again. Keyed by tenant, log id and filter key (empty: the whole log).
actor LogCache {
    private struct Key: Hashable {
        var tenant: String
        var logID: String
        var filters: String
    }

    private let logs: any EventLogStore
    private let capacity: Int
    private var entries: [(key: Key, log: EventLog)] = []

    init(logs: any EventLogStore, capacity: Int = 3) {
        self.logs = logs
        self.capacity = capacity
    }

    /// The stored log.
    func log(_ logID: String, tenant: String) async throws -> EventLog {
        let key = Key(tenant: tenant, logID: logID, filters: "")
        if let log = hit(key) { return log }
        let log = try await logs.load(logID, tenant: tenant)
        insert(key, log)
        return log
    }

    /// The stored log restricted by `filters` (the whole log when nil or empty); its provenance ends with one
    /// step per filter.
    func log(_ logID: String, tenant: String, filters: AnalysisFilters?) async throws -> EventLog {
        guard let filters, !filters.isEmpty else { return try await log(logID, tenant: tenant) }
        let key = Key(tenant: tenant, logID: logID, filters: filters.key)
        if let log = hit(key) { return log }
        let filtered = filters.apply(to: try await log(logID, tenant: tenant))
        insert(key, filtered)
        return filtered
    }

    func forget(_ logID: String, tenant: String) {
        entries.removeAll { $0.key.tenant == tenant && $0.key.logID == logID }
    }

    private func hit(_ key: Key) -> EventLog? {
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        let entry = entries.remove(at: index)
        entries.append(entry)
        return entry.log
    }

    private func insert(_ key: Key, _ log: EventLog) {
        entries.append((key, log))
        if entries.count > capacity { entries.removeFirst() }
    }
}
