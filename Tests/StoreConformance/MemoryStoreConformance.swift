import Agents
import EventLog
import Foundation
import Packs
import XCTest

/// The checks every ``MemoryStore`` must pass: save, replace (keeping the place in the order of remembering), load
/// with the per-type capacity, changes after a cursor, tenant isolation; two ``TenantMemory`` instances sharing the
/// store (one finds what the other remembered); searches equal to a memory that only ever lived in this process;
/// and — when the store can be reopened — the same search results after a restart.
public enum MemoryStoreConformance {
    /// - Parameters:
    ///   - store: an empty store.
    ///   - reopen: opens the same storage again (a new process after a restart); nil for stores that cannot.
    public static func run(_ store: any MemoryStore, reopen: (@Sendable () async throws -> any MemoryStore)? = nil,
                           file: StaticString = #filePath, line: UInt = #line) async throws {
        let embedding = HashedNGramEmbedding()
        func record(_ id: String, _ text: String, type: String?, tenant: String = "tenant-a") -> MemoryRecord {
            MemoryRecord(entry: MemoryEntry(id: id, tenantID: tenant, text: text, exceptionType: type, severity: "HIGH", domain: "finance",
                                            outcome: "RESOLVED"), vector: embedding.vector(for: text))
        }
        let empty = try await store.loadMemory(tenantID: "tenant-a", capacityPerType: 10)
        XCTAssertEqual(empty.records, [], file: file, line: line)

        // Save, load in the order first remembered; replacing keeps the place; capacity keeps the latest per type.
        try await store.saveMemory([record("m1", "settlement failed at custodian", type: "SETTLEMENT_FAIL"),
                                    record("m2", "cash break on nostro account", type: "CASH_BREAK"),
                                    record("m3", "settlement failed again, counterparty SSI", type: "SETTLEMENT_FAIL")])
        try await store.saveMemory([record("m4", "settlement fail, missing instructions", type: "SETTLEMENT_FAIL"),
                                    record("x1", "tenant b's own case", type: "SETTLEMENT_FAIL", tenant: "tenant-b")])
        let replaced = record("m1", "settlement failed at custodian, resent", type: "SETTLEMENT_FAIL")
        try await store.saveMemory([replaced])
        let all = try await store.loadMemory(tenantID: "tenant-a", capacityPerType: 10)
        XCTAssertEqual(all.records.map(\.entry.id), ["m1", "m2", "m3", "m4"], "in the order first remembered", file: file, line: line)
        XCTAssertEqual(all.records.first, replaced, "the entry and vector round-trip, replaced", file: file, line: line)
        let capped = try await store.loadMemory(tenantID: "tenant-a", capacityPerType: 2)
        XCTAssertEqual(capped.records.map(\.entry.id), ["m2", "m3", "m4"], "the latest 2 per type (m1 was first remembered first)",
                       file: file, line: line)

        // Changes after a cursor: what was saved since, including replacements; tenant b's never.
        let cursor = all.cursor
        let nothingNew = try await store.memoryChanges(tenantID: "tenant-a", after: cursor)
        XCTAssertTrue(Set(nothingNew.records.map(\.entry.id)).isSubset(of: ["m1", "m2", "m3", "m4"]), file: file, line: line)
        let m2Again = record("m2", "cash break on nostro, booked late", type: "CASH_BREAK")
        try await store.saveMemory([record("m5", "confirmation missing for trade \"T-1\"\n\tZürich \\ 🚀 \u{1}", type: "CONFIRM_MISSING"), m2Again,
                                    record("x2", "tenant b again", type: nil, tenant: "tenant-b")])
        let changes = try await store.memoryChanges(tenantID: "tenant-a", after: cursor)
        XCTAssertTrue(Set(changes.records.map(\.entry.id)).isSuperset(of: ["m5", "m2"]), "\(changes.records.map(\.entry.id))",
                      file: file, line: line)
        XCTAssertEqual(changes.records.last { $0.entry.id == "m2" }, m2Again, file: file, line: line)
        XCTAssertEqual(changes.records.last { $0.entry.id == "m5" }?.entry.text, "confirmation missing for trade \"T-1\"\n\tZürich \\ 🚀 \u{1}",
                       "quotes, control characters and non-ASCII text round-trip", file: file, line: line)
        for record in changes.records + all.records {
            XCTAssertEqual(Data(record.entryJSON), try StoreJSON.encode(record.entry), "entryJSON is StoreJSON's encoding", file: file, line: line)
        }
        let sparse = try await store.loadMemory(tenantID: "tenant-b", capacityPerType: 10).records.last
        XCTAssertEqual(sparse?.entry, MemoryEntry(id: "x2", tenantID: "tenant-b", text: "tenant b again", severity: "HIGH", domain: "finance",
                                                  outcome: "RESOLVED"), "a missing type stays missing", file: file, line: line)
        XCTAssertTrue(changes.records.allSatisfy { $0.entry.tenantID == "tenant-a" }, file: file, line: line)
        let theirs = try await store.loadMemory(tenantID: "tenant-b", capacityPerType: 10)
        XCTAssertEqual(theirs.records.map(\.entry.id), ["x1", "x2"], file: file, line: line)
        let unknown = try await store.loadMemory(tenantID: "tenant-c", capacityPerType: 10)
        XCTAssertEqual(unknown.records, [], "no tenant sees another's entries", file: file, line: line)

        // Two memories on the store: one finds what the other remembered (refresh interval 0: every search looks).
        let writer = TenantMemory(store: store, refreshInterval: .zero)
        let reader = TenantMemory(store: store, refreshInterval: .zero)
        _ = try await reader.search(tenantID: "tenant-a", text: "warm up", k: 1)
        try await writer.remember(MemoryEntry(id: "m6", tenantID: "tenant-a", text: "settlement failed: DVP mismatch at depository",
                                              exceptionType: "SETTLEMENT_FAIL"))
        let found = try await reader.search(tenantID: "tenant-a", text: "DVP mismatch depository", k: 1)
        XCTAssertEqual(found.first?.entry.id, "m6", "a memory sees what another remembered", file: file, line: line)

        // The same searches as a memory that holds the same entries and never saw a store.
        let local = TenantMemory()
        for stored in try await store.loadMemory(tenantID: "tenant-a", capacityPerType: 1_000).records {
            try await local.remember(stored.entry)
        }
        let fresh = TenantMemory(store: store)
        let queries: [(String, MemoryFilter)] = [("settlement failed", MemoryFilter()), ("cash break nostro", MemoryFilter()),
                                                 ("settlement", MemoryFilter(exceptionType: "SETTLEMENT_FAIL")),
                                                 ("confirmation trade", MemoryFilter(severity: "HIGH"))]
        for (text, filter) in queries {
            let expected = try await local.search(tenantID: "tenant-a", text: text, k: 3, filter: filter)
            let actual = try await fresh.search(tenantID: "tenant-a", text: text, k: 3, filter: filter)
            XCTAssertEqual(actual, expected, "search '\(text)' differs from the in-process memory", file: file, line: line)
            XCTAssertFalse(actual.isEmpty, file: file, line: line)
        }
        let foreign = try await fresh.search(tenantID: "tenant-b", text: "settlement failed", k: 10)
        XCTAssertEqual(Set(foreign.map(\.entry.id)), ["x1", "x2"], file: file, line: line)

        // Deferred writes wait for the caller and reach the store only when it saves them.
        let deferred = TenantMemory(store: store, writes: .deferred)
        try await deferred.remember(MemoryEntry(id: "m7", tenantID: "tenant-a", text: "deferred case", exceptionType: "CASH_BREAK"))
        let notYet = try await store.loadMemory(tenantID: "tenant-a", capacityPerType: 1_000)
        XCTAssertFalse(notYet.records.contains { $0.entry.id == "m7" }, file: file, line: line)
        let unsaved = await deferred.takeUnsaved(tenantID: "tenant-a", entryID: "m7")
        XCTAssertEqual(unsaved.map(\.entry.id), ["m7"], file: file, line: line)
        let takenTwice = await deferred.takeUnsaved(tenantID: "tenant-a", entryID: "m7")
        XCTAssertEqual(takenTwice, [], file: file, line: line)
        try await store.saveMemory(unsaved)

        guard let reopen else { return }
        let reopened = try await reopen()
        let restarted = TenantMemory(store: reopened)
        let before = TenantMemory(store: store)
        for (text, filter) in queries {
            let expected = try await before.search(tenantID: "tenant-a", text: text, k: 5, filter: filter)
            let actual = try await restarted.search(tenantID: "tenant-a", text: text, k: 5, filter: filter)
            XCTAssertEqual(actual, expected, "search '\(text)' differs after a restart", file: file, line: line)
        }
        let kept = try await reopened.loadMemory(tenantID: "tenant-a", capacityPerType: 1_000)
        XCTAssertEqual(Set(kept.records.map(\.entry.id)), ["m1", "m2", "m3", "m4", "m5", "m6", "m7"], file: file, line: line)
    }

    /// Pruning: ``MemoryStore/pruneMemory(tenantID:keepPerType:limit:)`` keeps exactly what a load with that capacity
    /// returns (the newest per type, by the load's order), deletes at most `limit` per call, oldest first, and never
    /// touches another tenant; a ``TenantMemory`` prunes its store every `capacityPerType` remembers of a tenant (also
    /// with deferred writes, as a worker remembers), and searches of a fresh memory equal those of a memory that
    /// never saw a store. Uses tenants of its own (`prune-…`), so it can share a store with ``run(_:reopen:file:line:)``.
    public static func runPrune(_ store: any MemoryStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let embedding = HashedNGramEmbedding()
        func record(_ id: String, type: String?, tenant: String = "prune-a") -> MemoryRecord {
            let text = "\(type ?? "untyped") exception \(id) at custodian \(id.count * 7)"
            return MemoryRecord(entry: MemoryEntry(id: id, tenantID: tenant, text: text, exceptionType: type, severity: "HIGH"),
                                vector: embedding.vector(for: text))
        }
        // Interleaved saves: 7 of T1, 5 of T2, 2 untyped for tenant a; 6 of T1 for tenant b; t1-0 replaced (keeps its place).
        for i in 0..<7 {
            var batch = [record("t1-\(i)", type: "T1"), record("b-\(i)", type: "T1", tenant: "prune-b")]
            if i < 5 { batch.append(record("t2-\(i)", type: "T2")) }
            if i < 2 { batch.append(record("u-\(i)", type: nil)) }
            try await store.saveMemory(i == 6 ? batch.filter { $0.entry.tenantID == "prune-a" } : batch)
        }
        try await store.saveMemory([record("t1-0", type: "T1")])
        let keep = 3
        let before = try await store.loadMemory(tenantID: "prune-a", capacityPerType: keep)
        XCTAssertEqual(Set(before.records.map(\.entry.id)), ["t1-4", "t1-5", "t1-6", "t2-2", "t2-3", "t2-4", "u-0", "u-1"],
                       file: file, line: line)
        let theirs = try await store.loadMemory(tenantID: "prune-b", capacityPerType: 1_000)
        XCTAssertEqual(theirs.records.count, 6, file: file, line: line)
        let queries: [(String, MemoryFilter)] = [("T1 exception at custodian", MemoryFilter()), ("T2 exception", MemoryFilter(exceptionType: "T2")),
                                                 ("untyped exception u-0", MemoryFilter(severity: "HIGH"))]
        let loadedBefore = TenantMemory(capacityPerType: keep, store: store)
        var expected: [[MemoryHit]] = []
        for (text, filter) in queries { expected.append(try await loadedBefore.search(tenantID: "prune-a", text: text, k: 4, filter: filter)) }

        // Bounded: at most `limit` per call, until none is left (4 of T1 and 2 of T2 are beyond the latest 3).
        let nothing = try await store.pruneMemory(tenantID: "prune-a", keepPerType: keep, limit: 0)
        XCTAssertEqual(nothing, 0, file: file, line: line)
        var deleted: [Int] = []
        repeat { deleted.append(try await store.pruneMemory(tenantID: "prune-a", keepPerType: keep, limit: 4)) } while deleted.last == 4
        XCTAssertEqual(deleted, [4, 2], "at most 4 per call, 6 in all", file: file, line: line)
        let again = try await store.pruneMemory(tenantID: "prune-a", keepPerType: keep, limit: 4)
        XCTAssertEqual(again, 0, "nothing beyond the latest 3 per type is left", file: file, line: line)
        let after = try await store.loadMemory(tenantID: "prune-a", capacityPerType: 1_000)
        XCTAssertEqual(after.records, before.records, "exactly what a load with that capacity returned is kept", file: file, line: line)
        let theirsAfter = try await store.loadMemory(tenantID: "prune-b", capacityPerType: 1_000)
        XCTAssertEqual(theirsAfter.records, theirs.records, "another tenant is untouched", file: file, line: line)
        let unknown = try await store.pruneMemory(tenantID: "prune-none", keepPerType: 1, limit: 10)
        XCTAssertEqual(unknown, 0, file: file, line: line)
        let loadedAfter = TenantMemory(capacityPerType: keep, store: store)
        for ((text, filter), hits) in zip(queries, expected) {
            let actual = try await loadedAfter.search(tenantID: "prune-a", text: text, k: 4, filter: filter)
            XCTAssertEqual(actual, hits, "search '\(text)' differs after pruning", file: file, line: line)
            XCTAssertFalse(actual.isEmpty, file: file, line: line)
        }

        // The trigger: a memory of capacity 2 prunes its store every 2 remembers of a tenant, without being asked.
        let immediate = TenantMemory(capacityPerType: 2, store: store)
        // (Waiting for each background prune keeps the test independent of timing: a prune still running when the next
        // one is due defers that one to the next remember.)
        for i in 0..<4 {
            try await immediate.remember(record("c-\(i)", type: "T1", tenant: "prune-c").entry)
            await immediate.finishPruning()
        }
        let pruned = try await store.loadMemory(tenantID: "prune-c", capacityPerType: 1_000)
        XCTAssertEqual(pruned.records.map(\.entry.id), ["c-2", "c-3"], "the 4th remember pruned c-0 and c-1", file: file, line: line)

        // As a worker remembers (deferred, saved with each job's commit): searches equal a memory that never saw a store.
        let deferred = TenantMemory(capacityPerType: 2, store: store, writes: .deferred)
        let local = TenantMemory(capacityPerType: 2)
        for i in 0..<7 {
            let entry = record("d-\(i)", type: i % 3 == 0 ? "T2" : "T1", tenant: "prune-d").entry
            try await deferred.remember(entry)
            try await local.remember(entry)
            await deferred.finishPruning()
            try await store.saveMemory(await deferred.takeUnsaved(tenantID: "prune-d", entryID: entry.id))
        }
        let stored = try await store.loadMemory(tenantID: "prune-d", capacityPerType: 1_000)
        XCTAssertEqual(stored.records.map(\.entry.id), ["d-0", "d-2", "d-3", "d-4", "d-5", "d-6"],
                       "the 6th remember pruned d-1 before d-5 was committed; the 7th did not reach 2 remembers", file: file, line: line)
        let restarted = TenantMemory(capacityPerType: 2, store: store)
        for (text, filter) in queries + [("T1 exception d-6", MemoryFilter(exceptionType: "T1"))] {
            let expected = try await local.search(tenantID: "prune-d", text: text, k: 3, filter: filter)
            let actual = try await restarted.search(tenantID: "prune-d", text: text, k: 3, filter: filter)
            XCTAssertEqual(actual, expected, "search '\(text)' after pruning differs from the in-process memory", file: file, line: line)
            XCTAssertFalse(actual.isEmpty, file: file, line: line)
        }
    }

    /// Workers with a deferred-write memory on the store commit what each job remembered with its outcome: after two
    /// workers drain the finance sample, the store's memory holds one entry per exception that reached Feedback
    /// (the stage that remembers; one waiting for approval has not yet).
    public static func runWorkers(_ store: any ExceptionWorkStore & MemoryStore, file: StaticString = #filePath,
                                  line: UInt = #line) async throws {
        let (bundle, exceptions) = try ExceptionWorkStoreConformance.financeSample()
        let tenant = bundle.tenant.tenantID
        let id = try await store.savePackBundle(bundle)
        _ = try await ExceptionWorkStoreConformance.submit(exceptions, bundleID: id, tenant: tenant, to: store)
        async let first = ExceptionWorker(store: store, workerID: "w1", concurrency: 2,
                                          memory: TenantMemory(store: store, writes: .deferred)).run(exitWhenIdle: true)
        async let second = ExceptionWorker(store: store, workerID: "w2", concurrency: 2,
                                           memory: TenantMemory(store: store, writes: .deferred)).run(exitWhenIdle: true)
        let reports = try await [first, second]
        XCTAssertEqual(reports.map(\.completed).reduce(0, +), exceptions.count, file: file, line: line)
        let remembered = try await store.loadMemory(tenantID: tenant, capacityPerType: 1_000)
        let outcomes = try await store.outcomes(tenant: tenant)
        let fedBack = outcomes.filter { $0.feedback != nil }.map(\.exception.exceptionID)
        XCTAssertFalse(fedBack.isEmpty, file: file, line: line)
        XCTAssertEqual(Set(remembered.records.map(\.entry.id)), Set(fedBack),
                       "every exception that reached Feedback is remembered in the store", file: file, line: line)
        XCTAssertTrue(remembered.records.allSatisfy { $0.entry.tenantID == tenant && !$0.vector.isEmpty }, file: file, line: line)
    }
}
