import EventLog
import Logging

/// How ``TenantMemory/remember(_:)`` reaches its ``MemoryStore``.
public enum MemoryWrites: Sendable, Hashable {
    /// Each remembered entry is saved at once (one store call per entry).
    case immediate
    /// Remembered entries wait until the caller takes them (``TenantMemory/takeUnsaved(tenantID:entryID:)``) and
    /// saves them in its own transaction — a worker commits them with the job's outcome, so remembering costs no
    /// round trip of its own and a job that does not commit leaves nothing in the store.
    case deferred
}

/// What a ``TenantMemory`` with a store keeps about it: per loaded tenant the store's cursor and when it last
/// asked for changes, loads in flight, and (deferred writes) entries remembered but not yet saved. A class owned by
/// the actor (never shared outside it), so its dictionaries are changed in place, not copied on each write.
final class MemoryPersistence {
    let store: any MemoryStore
    let writes: MemoryWrites
    let refreshInterval: Duration
    var cursors: [String: Int64] = [:]
    var refreshedAt: [String: ContinuousClock.Instant] = [:]
    var loading: [String: Task<MemoryPage, any Error>] = [:]
    var unsaved: [String: [String: MemoryRecord]] = [:]
    /// Entries remembered here and not yet read back from the store: when a refresh brings one back unchanged it is
    /// not indexed again (with one worker, every refreshed entry is its own).
    var echoes: [String: [String: MemoryEntry]] = [:]
    /// Per tenant, entries remembered since its store entries were last pruned; `capacityPerType` of them start a prune.
    var rememberedSincePrune: [String: Int] = [:]
    /// Prunes of the store running in the background, per tenant.
    var pruning: [String: Task<Void, Never>] = [:]
    let logger = Logger(label: "tracewise.memory")

    init(store: any MemoryStore, writes: MemoryWrites, refreshInterval: Duration) {
        self.store = store
        self.writes = writes
        self.refreshInterval = refreshInterval
    }
}

/// Persistence of a ``TenantMemory`` in a ``MemoryStore``: a tenant's entries are loaded on its first use,
/// remembered entries are written through (or left for the caller's transaction), and a search first applies what
/// other processes saved since the last look, at most once per `refreshInterval`.
///
/// **Staleness bound.** A search sees every entry another process committed at least `refreshInterval` plus one
/// store round trip before it. On PostgreSQL an entry also waits for every transaction that was already running
/// when it committed to end (the cursor is the oldest running transaction, so an entry committed out of order is
/// never skipped); the workers' transactions are short. Entries are applied in the order fetched, so which entry
/// a full bucket forgets first can differ from a fresh load's choice until the process restarts.
extension TenantMemory {
    /// Entries remembered for `entryID` in ``MemoryWrites/deferred`` mode and not yet saved, removed from the
    /// waiting list: the caller saves them (a worker in its job's commit). Empty in immediate mode.
    public func takeUnsaved(tenantID: String, entryID: String) -> [MemoryRecord] {
        guard let record = persistence?.unsaved[tenantID]?.removeValue(forKey: entryID) else { return [] }
        return [record]
    }

    /// Saves (or queues, deferred) a remembered record, after loading its tenant so the store's entries come first.
    func persist(_ record: MemoryRecord) async throws {
        try await loadIfNeeded(record.entry.tenantID)
        guard let persistence else { return }
        persistence.echoes[record.entry.tenantID, default: [:]][record.entry.id] = record.entry
        switch persistence.writes {
        case .immediate: try await persistence.store.saveMemory([record])
        case .deferred: persistence.unsaved[record.entry.tenantID, default: [:]][record.entry.id] = record
        }
        pruneIfDue(record.entry.tenantID)
    }

    /// Most entries a single prune call deletes: one short transaction, however far the store is behind.
    static let pruneBatch = 1_000

    /// Counts a remembered entry of the tenant and, every `capacityPerType` of them, starts a background prune of the
    /// tenant's store entries beyond the latest `capacityPerType` per type — the rows a fresh load of this memory leaves
    /// out, and that no search of this process reads (its index holds what it loaded or remembered). The prune runs in
    /// its own transactions, never the caller's (nor a worker's job commit), and a remember never waits for it; a failed
    /// prune is logged and tried again after the next `capacityPerType` remembers. One prune per tenant at a time.
    private func pruneIfDue(_ tenantID: String) {
        guard let persistence else { return }
        let remembered = persistence.rememberedSincePrune[tenantID, default: 0] + 1
        guard remembered >= capacityPerType, persistence.pruning[tenantID] == nil else {
            persistence.rememberedSincePrune[tenantID] = remembered
            return
        }
        persistence.rememberedSincePrune[tenantID] = 0
        persistence.pruning[tenantID] = Task { [store = persistence.store, logger = persistence.logger, capacityPerType] in
            do {
                while try await store.pruneMemory(tenantID: tenantID, keepPerType: capacityPerType, limit: Self.pruneBatch)
                    == Self.pruneBatch, !Task.isCancelled {}
            } catch {
                logger.warning("pruning the similar-case memory failed; retried after the next remembers",
                               metadata: ["tenant": .string(tenantID),
                                          "error": .string((error as? StoreError)?.description ?? String(describing: type(of: error)))])
            }
            self.pruneEnded(tenantID)
        }
    }

    private func pruneEnded(_ tenantID: String) {
        persistence?.pruning[tenantID] = nil
    }

    /// Waits for the store prunes this memory started in the background (every `capacityPerType` remembers of a
    /// tenant): before a host closes the store, or in a test that checks what they deleted.
    public func finishPruning() async {
        while let task = persistence?.pruning.values.first { await task.value }
    }

    /// Before a search: the tenant's entries from the store on first use, else what changed since the last look,
    /// when `refreshInterval` has passed.
    func synchronize(tenantID: String) async throws {
        guard let persistence else { return }
        guard let cursor = persistence.cursors[tenantID] else { return try await loadIfNeeded(tenantID) }
        let now = ContinuousClock.now
        if let last = persistence.refreshedAt[tenantID], now - last < persistence.refreshInterval { return }
        persistence.refreshedAt[tenantID] = now
        try await apply(try await persistence.store.memoryChanges(tenantID: tenantID, after: cursor), tenantID: tenantID)
    }

    /// Loads a tenant's entries once; concurrent first uses share one load.
    private func loadIfNeeded(_ tenantID: String) async throws {
        guard let persistence, persistence.cursors[tenantID] == nil else { return }
        let task = persistence.loading[tenantID] ?? Task { [store = persistence.store, capacityPerType] in
            try await store.loadMemory(tenantID: tenantID, capacityPerType: capacityPerType)
        }
        persistence.loading[tenantID] = task
        let page: MemoryPage
        do {
            page = try await task.value
        } catch {
            persistence.loading[tenantID] = nil
            throw error
        }
        persistence.loading[tenantID] = nil
        guard persistence.cursors[tenantID] == nil else { return }
        try await apply(page, tenantID: tenantID)
    }

    /// Puts a page's records into the index (except entries remembered here and not yet saved, which are newer)
    /// and advances the tenant's cursor. A vector of another length than this memory's embedding (a process with
    /// another provider saved it) is computed again.
    private func apply(_ page: MemoryPage, tenantID: String) async throws {
        guard let persistence else { return }
        var records = page.records.filter { $0.entry.tenantID == tenantID }
        for i in records.indices where records[i].vector.count != embedding.dimensions {
            records[i].vector = try await embedding.embed(records[i].entry.text)
        }
        for record in records where persistence.unsaved[tenantID]?[record.entry.id] == nil {
            if persistence.echoes[tenantID]?.removeValue(forKey: record.entry.id) == record.entry { continue }
            insert(record.entry, vector: record.vector)
        }
        persistence.cursors[tenantID] = max(persistence.cursors[tenantID] ?? page.cursor, page.cursor)
        if persistence.refreshedAt[tenantID] == nil { persistence.refreshedAt[tenantID] = .now }
    }
}
