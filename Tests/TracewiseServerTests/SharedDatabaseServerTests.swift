import Agents
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresTestSupport
import TracewisePostgres
import TracewiseServer
import TracewiseTestSupport
import XCTest

/// Two service processes behind a load balancer on one PostgreSQL share everything, over real HTTP on loopback:
/// a key made through one authenticates on the other, an approval requested through one is decided through the
/// other (a second decision, from either, is 409 `approval-decided`), and the tenant's audit chain — written by
/// both — verifies and holds both sides' records whichever process exports it.
final class SharedDatabaseServerTests: XCTestCase {
    func testTwoProcessesShareKeysApprovalsAndAudit() async throws {
        guard PostgresTestDatabase.isConfigured else {
            throw XCTSkip("TRACEWISE_POSTGRES_URL is not set; the shared-database server test needs PostgreSQL")
        }
        try await PostgresTestDatabase.withTwoStores { storeA, storeB in
            var configuration = ServerConfiguration()
            configuration.staticDirectory = SharedData.packageRoot.appendingPathComponent("Web").path
            let apiA = TracewiseAPI(stores: ServerStores(database: storeA), configuration: configuration)
            let apiB = TracewiseAPI(stores: ServerStores(database: storeB), configuration: configuration)
            let (bootstrap, record) = APIKeys.make(tenant: "acme", role: .admin)
            try await storeA.insert(record)

            // Only A works off the queue, so the approvals are requested by A's pipeline.
            let workers = Task {
                await withTaskGroup(of: Void.self) { group in
                    for service in apiA.services { group.addTask { try? await service.run() } }
                }
            }
            defer { workers.cancel() }
            let address = ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
            let appA = Application(router: apiA.makeRouter(), configuration: address)
            let appB = Application(router: apiB.makeRouter(), configuration: address)
            try await appA.test(.live) { a in
                try await appB.test(.live) { b in
                    func headers(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)", .contentType: "application/json"] }

                    // A key created through A authenticates on B at once.
                    let created = try await a.execute(uri: "/tenants/acme/keys", method: .post, headers: headers(bootstrap),
                                                      body: ByteBuffer(string: #"{"role":"operator"}"#))
                    XCTAssertEqual(created.status, .created, String(buffer: created.body))
                    let operatorKey = try XCTUnwrap(try ServerHarness.json(created)["key"] as? String)
                    let listed = try await b.execute(uri: "/exceptions/acme/approvals", method: .get, headers: headers(operatorKey))
                    XCTAssertEqual(listed.status, .ok, "a key made through A authenticates on B: \(String(buffer: listed.body))")

                    // Packs through A, exceptions submitted through A and run by A's worker.
                    let (domain, policy) = try ServerHarness.financePacks()
                    let domainUpload = try await a.execute(uri: "/tenants/acme/packs?kind=domain", method: .post, headers: headers(bootstrap),
                                                           body: ByteBuffer(bytes: domain))
                    let policyUpload = try await a.execute(uri: "/tenants/acme/packs?kind=policy", method: .post, headers: headers(bootstrap),
                                                           body: ByteBuffer(bytes: policy))
                    let domainVersion = try XCTUnwrap(try ServerHarness.json(domainUpload)["version"] as? String)
                    let policyVersion = try XCTUnwrap(try ServerHarness.json(policyUpload)["version"] as? String)
                    let activated = try await a.execute(uri: "/tenants/acme/packs/finance/activate", method: .post, headers: headers(bootstrap),
                                                        body: ByteBuffer(string: #"{"domainVersion":"\#(domainVersion)","policyVersion":"\#(policyVersion)"}"#))
                    XCTAssertEqual(activated.status, .ok, String(buffer: activated.body))
                    let exceptions = Array(try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance/exceptions.json")))
                    let accepted = try await a.execute(uri: "/exceptions/acme", method: .post, headers: headers(operatorKey), body: ByteBuffer(bytes: exceptions))
                    XCTAssertEqual(accepted.status, .accepted, String(buffer: accepted.body))
                    let ids = (try ServerHarness.json(accepted)["accepted"] as? [[String: Any]] ?? []).compactMap { $0["exceptionId"] as? String }
                    XCTAssertFalse(ids.isEmpty)

                    // B sees A's pending approvals (same JSON from either process).
                    var pending: [[String: Any]] = []
                    for _ in 0..<600 {
                        let response = try await b.execute(uri: "/exceptions/acme/approvals?status=pending", method: .get, headers: headers(operatorKey))
                        pending = try ServerHarness.jsonArray(response)
                        let outcomes = try await storeB.outcomes(tenant: "acme")
                        if !pending.isEmpty, outcomes.count == ids.count { break }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    let approvalID = try XCTUnwrap(pending.first?["id"] as? String, "the finance samples include exceptions that need approval")
                    let fromA = try await a.execute(uri: "/exceptions/acme/approvals?status=pending", method: .get, headers: headers(operatorKey))
                    let fromB = try await b.execute(uri: "/exceptions/acme/approvals?status=pending", method: .get, headers: headers(operatorKey))
                    XCTAssertEqual(String(buffer: fromA.body), String(buffer: fromB.body), "both processes answer the same approvals")

                    // Decided through B (and at the same time through A): one wins, the other is 409 approval-decided.
                    let body = ByteBuffer(string: #"{"decision":"approve","user":"ops-lead","comment":"ok"}"#)
                    async let viaB = b.execute(uri: "/exceptions/acme/approvals/\(approvalID)/decision", method: .post, headers: headers(operatorKey), body: body)
                    async let viaA = a.execute(uri: "/exceptions/acme/approvals/\(approvalID)/decision", method: .post, headers: headers(operatorKey), body: body)
                    let answers = try await [viaB, viaA]
                    XCTAssertEqual(answers.map(\.status.code).sorted(), [200, 409], answers.map { String(buffer: $0.body) }.joined(separator: "\n"))
                    let winner = try XCTUnwrap(answers.first { $0.status == .ok })
                    let resumed = try XCTUnwrap(try ServerHarness.json(winner)["outcome"] as? [String: Any])
                    XCTAssertNotEqual((resumed["exception"] as? [String: Any])?["resolutionStatus"] as? String, "PENDING_APPROVAL")
                    let loser = try XCTUnwrap(answers.first { $0.status != .ok })
                    try ServerHarness.assertProblem(loser, .conflict, "approval-decided")
                    let again = try await b.execute(uri: "/exceptions/acme/approvals/\(approvalID)/decision", method: .post, headers: headers(operatorKey), body: body)
                    try ServerHarness.assertProblem(again, .conflict, "approval-decided")

                    // One audit chain, written by both, verifies and reads the same from either process.
                    let exportA = try await a.execute(uri: "/tenants/acme/audit/export", method: .get, headers: headers(operatorKey))
                    let exportB = try await b.execute(uri: "/tenants/acme/audit/export", method: .get, headers: headers(operatorKey))
                    XCTAssertEqual(exportA.status, .ok)
                    let bytes = Array(exportA.body.readableBytesView)
                    XCTAssertEqual(bytes, Array(exportB.body.readableBytesView))
                    let report = AuditVerifier.verify(bytes: bytes)
                    XCTAssertTrue(report.isValid, "\(String(describing: report.problem))")
                    let text = String(decoding: bytes, as: UTF8.self)
                    XCTAssertTrue(text.contains(#""path":"/tenants/acme/keys""#), "A's key creation is audited")
                    XCTAssertTrue(text.contains(#""path":"/exceptions/acme/approvals/\#(approvalID)/decision""#), "the decisions are audited")
                    XCTAssertTrue(text.contains(#""stage":"APPROVAL""#), "the resumed pipeline's approval stage is in the chain")
                    XCTAssertTrue(text.contains(#""stage":"TRIAGE""#), "A's pipeline stages are in the chain")
                    let verified = try await b.execute(uri: "/tenants/acme/audit/verify", method: .get, headers: headers(operatorKey))
                    XCTAssertEqual(verified.status, .ok, String(buffer: verified.body))
                    let ledger = try await storeB.verifyAudit(tenant: "acme")
                    XCTAssertTrue(ledger.isValid, "`tracewise audit verify --store` checks the tenant chain too")
                }
            }
            workers.cancel()
            await workers.value
        }
    }
}
