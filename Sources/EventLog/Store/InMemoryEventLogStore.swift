/// Keeps event logs in memory, per tenant: the embedded default for tests and single-process hosts.
public actor InMemoryEventLogStore: EventLogStore {
    private var logsByTenant: [String: [String: (info: StoredLogInfo, log: EventLog)]] = [:]
    private let clock: @Sendable () -> Int64

    /// - Parameter clock: UTC microseconds now; the import time recorded in ``StoredLogInfo``.
    public init(clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) {
        self.clock = clock
    }

    public func importLog(_ log: EventLog, name: String, tenant: String) throws -> StoredLogInfo {
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(name, as: "log name")
        guard logsByTenant[tenant]?[name] == nil else {
            throw StoreError(.alreadyExists, "tenant already has a log with this name")
        }
        let info = StoredLogInfo(name: name, log: log, importedAtMicroseconds: clock())
        logsByTenant[tenant, default: [:]][name] = (info, log)
        return info
    }

    public func logs(tenant: String) -> [StoredLogInfo] {
        (logsByTenant[tenant] ?? [:]).values.map(\.info).sorted { $0.name < $1.name }
    }

    public func load(_ name: String, tenant: String) throws -> EventLog {
        guard let stored = logsByTenant[tenant]?[name] else { throw StoreError(.notFound, "no log with this name for the tenant") }
        return stored.log
    }

    public func delete(_ name: String, tenant: String) -> Bool {
        logsByTenant[tenant]?.removeValue(forKey: name) != nil
    }
}
