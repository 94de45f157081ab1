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
