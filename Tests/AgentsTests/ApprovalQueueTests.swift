import Agents
import Foundation
import XCTest

final class ApprovalQueueTests: XCTestCase {
    private func request(_ id: String, tenant: String, deadline: Int64 = 100) -> ApprovalRequest {
        ApprovalRequest(id: id, tenantID: tenant, exceptionID: "ex-\(id)", playbookID: "pb", reason: "HIGH severity",
                        requestedAtMicroseconds: 0, deadlineMicroseconds: deadline)
    }

    func testJSONCarriesTimesAsSecondsSinceTheEpoch() throws {
        var request = ApprovalRequest(id: "a", tenantID: "acme", exceptionID: "ex-a", playbookID: nil, reason: "r",
                                      requestedAtMicroseconds: 1_767_225_600_000_000, deadlineMicroseconds: 1_767_225_601_500_000)
        request.decidedAtMicroseconds = 1_767_225_600_250_000
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(request), as: UTF8.self)
        XCTAssertEqual(json, #"{"deadline":1767225601.5,"decidedAt":1767225600.25,"exceptionId":"ex-a","id":"a","reason":"r","requestedAt":1767225600,"status":"PENDING","tenantId":"acme"}"#)
        XCTAssertEqual(try JSONDecoder().decode(ApprovalRequest.self, from: Data(json.utf8)), request)
    }

    /// Two decisions of one request at once on a store that cannot refuse the second (a file): exactly one wins, as
    /// on a database, and the file holds one decision.
    func testConcurrentDecisionsOfOneRequestOneWins() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("approvals-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try JSONLApprovalStore(directory: directory)
        let queue = ApprovalQueue(store: store)
        for round in 0..<20 {
            try await queue.submit(request("r\(round)", tenant: "acme"))
            async let approved = try? queue.approve(tenantID: "acme", requestID: "r\(round)", by: "one")
            async let rejected = try? queue.reject(tenantID: "acme", requestID: "r\(round)", by: "two")
            let results = await [approved, rejected]
            XCTAssertEqual(results.compactMap { $0 }.count, 1, "round \(round): exactly one decision wins")
        }
        let decisions = try await store.history(tenantID: "acme").filter { $0.status != .pending }
        XCTAssertEqual(decisions.count, 20)
    }

    func testApproveRejectExpireAndPersist() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("approvals-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Clock(10)
        let queue = ApprovalQueue(store: try JSONLApprovalStore(directory: directory), clock: { now.value })
        try await queue.submit(request("a", tenant: "acme"))
        try await queue.submit(request("b", tenant: "acme", deadline: 50))
        try await queue.submit(request("c", tenant: "acme"))
        try await queue.submit(request("z", tenant: "globex"))

        let approved = try await queue.approve(tenantID: "acme", requestID: "a", by: "lead", comment: "fine")
        XCTAssertEqual(approved.status, .approved)
        XCTAssertEqual(approved.decidedBy, "lead")
        _ = try await queue.reject(tenantID: "acme", requestID: "c", by: "lead")
        do {
            _ = try await queue.approve(tenantID: "acme", requestID: "a", by: "lead")
            XCTFail("a decided request cannot be decided again")
        } catch let error as AgentsError {
            XCTAssertEqual(error.code, .invalidState)
        }
        do {
            _ = try await queue.approve(tenantID: "acme", requestID: "z", by: "lead")
            XCTFail("tenant acme must not reach globex's request")
        } catch let error as AgentsError {
            XCTAssertEqual(error.code, .notFound)
        }
        now.value = 60
        let expired = try await queue.expireOverdue(tenantID: "acme")
        XCTAssertEqual(expired.map(\.id), ["b"])

        let reopened = ApprovalQueue(store: try JSONLApprovalStore(directory: directory))
        let statuses = try await reopened.requests(tenantID: "acme").map(\.status)
        XCTAssertEqual(statuses, [.approved, .expired, .rejected])
        let globexPending = try await reopened.pending(tenantID: "globex").map(\.id)
        XCTAssertEqual(globexPending, ["z"])
    }
}

private final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Int64
    init(_ start: Int64) { current = start }
    var value: Int64 {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); current = newValue; lock.unlock() }
    }
}
