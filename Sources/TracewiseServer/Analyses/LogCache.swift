import EventLog

/// The few most recently used stored logs, loaded once: slider changes on the map and drift checks reuse them
/// instead of reading the store again. Keyed by tenant, log id and fingerprint.
actor LogCache {
    private struct Key: Hashable {
        var tenant: String
        var logID: String
    }

    private let logs: any EventLogStore
    private let capacity: Int
    private var entries: [(key: Key, log: EventLog)] = []

    init(logs: any EventLogStore, capacity: Int = 3) {
        self.logs = logs
        self.capacity = capacity
    }

    func log(_ logID: String, tenant: String) async throws -> EventLog {
        let key = Key(tenant: tenant, logID: logID)
        if let index = entries.firstIndex(where: { $0.key == key }) {
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.log
        }
        let log = try await logs.load(logID, tenant: tenant)
        entries.append((key, log))
        if entries.count > capacity { entries.removeFirst() }
        return log
    }

    func forget(_ logID: String, tenant: String) {
        entries.removeAll { $0.key == Key(tenant: tenant, logID: logID) }
    }
}
