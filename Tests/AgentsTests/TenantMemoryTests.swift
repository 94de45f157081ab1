import Agents
import XCTest

final class TenantMemoryTests: XCTestCase {
    func testSearchRanksSimilarFirstAndIsolatesTenants() async throws {
        let memory = TenantMemory()
        try await memory.remember(MemoryEntry(id: "a1", tenantID: "acme", text: "Settlement failed at custodian for trade T-1",
                                              exceptionType: "SETTLEMENT_FAIL", severity: "HIGH"))
        try await memory.remember(MemoryEntry(id: "a2", tenantID: "acme", text: "Cash reconciliation mismatch on account 7",
                                              exceptionType: "CASH_RECON_MISMATCH", severity: "MEDIUM"))
        try await memory.remember(MemoryEntry(id: "b1", tenantID: "globex", text: "Settlement failed at custodian for trade T-9",
                                              exceptionType: "SETTLEMENT_FAIL", severity: "HIGH"))
        let hits = try await memory.search(tenantID: "acme", text: "settlement failure custodian trade T-2", k: 5)
        XCTAssertEqual(hits.map(\.entry.id), ["a1", "a2"])
        XCTAssertGreaterThan(hits[0].score, hits[1].score)
        XCTAssertTrue(hits.allSatisfy { $0.entry.tenantID == "acme" })

        let filtered = try await memory.search(tenantID: "acme", text: "settlement", k: 5,
                                               filter: MemoryFilter(exceptionType: "CASH_RECON_MISMATCH"))
        XCTAssertEqual(filtered.map(\.entry.id), ["a2"])
        let unknownTenant = try await memory.search(tenantID: "initech", text: "settlement", k: 5)
        XCTAssertTrue(unknownTenant.isEmpty)
        let globexCount = await memory.count(tenantID: "globex")
        XCTAssertEqual(globexCount, 1)
    }
}

final class TenantMemoryCapacityTests: XCTestCase {
    func testKeepsTheMostRecentEntriesPerType() async throws {
        let memory = TenantMemory(capacityPerType: 3)
        for i in 0..<5 {
            try await memory.remember(MemoryEntry(id: "s\(i)", tenantID: "acme", text: "settlement failed \(i)", exceptionType: "SETTLEMENT_FAIL"))
        }
        try await memory.remember(MemoryEntry(id: "c0", tenantID: "acme", text: "cash mismatch", exceptionType: "CASH_RECON_MISMATCH"))
        let count = await memory.count(tenantID: "acme")
        XCTAssertEqual(count, 4)
        let hits = try await memory.search(tenantID: "acme", text: "settlement failed", k: 10, filter: MemoryFilter(exceptionType: "SETTLEMENT_FAIL"))
        XCTAssertEqual(Set(hits.map(\.entry.id)), ["s2", "s3", "s4"])
        try await memory.remember(MemoryEntry(id: "s3", tenantID: "acme", text: "settlement failed again", exceptionType: "SETTLEMENT_FAIL"))
        let again = try await memory.search(tenantID: "acme", text: "settlement", k: 10, filter: MemoryFilter(exceptionType: "SETTLEMENT_FAIL"))
        XCTAssertEqual(again.count, 3)
    }
}

/// The pipeline searches an exception's text, then remembers the same text: it is embedded once, and what is stored is
/// exactly the vector the embedding gives.
final class TenantMemoryEmbeddingReuseTests: XCTestCase {
    private actor EmbeddedTexts {
        var texts: [String] = []
        func add(_ text: String) { texts.append(text) }
    }

    private struct CountingEmbedding: EmbeddingProvider {
        let inner = HashedNGramEmbedding()
        let seen = EmbeddedTexts()
        var dimensions: Int { inner.dimensions }
        func embed(_ text: String) async throws -> [Float] {
            await seen.add(text)
            return inner.vector(for: text)
        }
    }

    func testARememberedTextJustSearchedForIsNotEmbeddedAgain() async throws {
        let embedding = CountingEmbedding()
        let store = InMemoryMemoryStore()
        let memory = TenantMemory(embedding: embedding, store: store)
        try await memory.remember(MemoryEntry(id: "P-1", tenantID: "acme", text: "PAYMENT STUCK paymentId: P-1"))
        for i in 2...4 {
            _ = try await memory.search(tenantID: "acme", text: "PAYMENT STUCK paymentId: P-\(i)", k: 3)
        }
        try await memory.remember(MemoryEntry(id: "P-3", tenantID: "acme", text: "PAYMENT STUCK paymentId: P-3"))
        try await memory.remember(MemoryEntry(id: "P-3b", tenantID: "acme", text: "PAYMENT STUCK paymentId: P-3"))
        let embedded = await embedding.seen.texts
        XCTAssertEqual(embedded, ["PAYMENT STUCK paymentId: P-1", "PAYMENT STUCK paymentId: P-2", "PAYMENT STUCK paymentId: P-3",
                                  "PAYMENT STUCK paymentId: P-4", "PAYMENT STUCK paymentId: P-3"])
        let stored = await store.loadMemory(tenantID: "acme", capacityPerType: 10).records
        XCTAssertEqual(stored.map(\.entry.id), ["P-1", "P-3", "P-3b"])
        for record in stored {
            XCTAssertEqual(record.vector.map(\.bitPattern), embedding.inner.vector(for: record.entry.text).map(\.bitPattern))
        }
        let hits = try await memory.search(tenantID: "acme", text: "PAYMENT STUCK paymentId: P-3", k: 2)
        XCTAssertEqual(hits.map(\.entry.id), ["P-3", "P-3b"])
    }

    /// `String`'s `==` holds for canonically equivalent texts, which the default embedding tells apart (it hashes
    /// scalars): a remembered text must get the vector of its own bytes, never that of an equivalent text just searched
    /// for. (Found as a rare failure of the brute-force comparison in TenantMemoryIndexTests, whose random texts mix
    /// both forms of "café".)
    func testACanonicallyEquivalentTextJustSearchedForIsEmbeddedAfresh() async throws {
        let (precomposed, decomposed) = ("settlement caf\u{E9} zurich", "settlement cafe\u{301} zurich")
        let embedding = CountingEmbedding()
        XCTAssertEqual(precomposed, decomposed)
        XCTAssertNotEqual(embedding.inner.vector(for: precomposed), embedding.inner.vector(for: decomposed))
        let store = InMemoryMemoryStore()
        let memory = TenantMemory(embedding: embedding, store: store)
        try await memory.remember(MemoryEntry(id: "E-0", tenantID: "acme", text: "trade mismatch"))
        _ = try await memory.search(tenantID: "acme", text: precomposed, k: 1)
        try await memory.remember(MemoryEntry(id: "E-1", tenantID: "acme", text: decomposed))
        let embedded = await embedding.seen.texts
        XCTAssertEqual(embedded.map { Array($0.utf8) }, [Array("trade mismatch".utf8), Array(precomposed.utf8), Array(decomposed.utf8)])
        let stored = await store.loadMemory(tenantID: "acme", capacityPerType: 10).records.filter { $0.entry.id == "E-1" }
        XCTAssertEqual(stored.map { $0.vector.map(\.bitPattern) }, [embedding.inner.vector(for: decomposed).map(\.bitPattern)])
        let hit = try await memory.search(tenantID: "acme", text: decomposed, k: 2).first { $0.entry.id == "E-1" }
        let own = embedding.inner.vector(for: decomposed)
        XCTAssertEqual(hit?.vectorScore.bitPattern, Double(zip(own, own).reduce(Float(0)) { $0 + $1.0 * $1.1 }).bitPattern)
    }
}
