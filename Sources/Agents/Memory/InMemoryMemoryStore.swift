/// A ``MemoryStore`` in memory: shared by the ``TenantMemory`` instances of one process (tests, and hosts that
/// want several memories to see each other without a database). Nothing survives the process.
public actor InMemoryMemoryStore: MemoryStore {
    /// A stored record with its place in the order of remembering and the save that last changed it.
    private struct Stored {
        var record: MemoryRecord
        var position: Int64
        var change: Int64
    }

    private var stored: [String: [String: Stored]] = [:]
    private var saves: Int64 = 0

    public init() {}

    public func saveMemory(_ records: [MemoryRecord]) {
        for record in records {
            saves += 1
            let position = stored[record.entry.tenantID]?[record.entry.id]?.position ?? saves
            stored[record.entry.tenantID, default: [:]][record.entry.id] = Stored(record: record, position: position, change: saves)
        }
    }

    public func loadMemory(tenantID: String, capacityPerType: Int) -> MemoryPage {
        let byType = Dictionary(grouping: (stored[tenantID] ?? [:]).values) { $0.record.entry.exceptionType ?? "" }
        let kept = byType.values.flatMap { $0.sorted { $0.position > $1.position }.prefix(max(1, capacityPerType)) }
        return MemoryPage(records: kept.sorted { $0.position < $1.position }.map(\.record), cursor: saves)
    }

    public func pruneMemory(tenantID: String, keepPerType: Int, limit: Int) -> Int {
        guard let entries = stored[tenantID], limit > 0 else { return 0 }
        let byType = Dictionary(grouping: entries.values) { $0.record.entry.exceptionType ?? "" }
        let beyond = byType.values.flatMap { $0.sorted { $0.position > $1.position }.dropFirst(max(1, keepPerType)) }
        let deleted = beyond.sorted { $0.position < $1.position }.prefix(limit)
        for gone in deleted { stored[tenantID]?[gone.record.entry.id] = nil }
        return deleted.count
    }

    public func memoryChanges(tenantID: String, after cursor: Int64) -> MemoryPage {
        let changed = (stored[tenantID] ?? [:]).values.filter { $0.change > cursor }.sorted { $0.change < $1.change }
        return MemoryPage(records: changed.map(\.record), cursor: saves)
    }
}
