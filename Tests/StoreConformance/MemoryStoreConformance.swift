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
