import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import TracewiseServer
import TracewiseTestSupport
import XCTest

/// Packs admin (upload with JSON-pointer errors, versions, activate, diff, rollback) and the exception seed
/// contract (submit with Idempotency-Key, outcome, SSE with Last-Event-ID, approvals, run, metrics).
final class ExceptionAndPackRouteTests: XCTestCase {
    /// Uploads and activates the finance packs for acme.
    static func installFinance(_ client: any TestClientProtocol, _ harness: ServerHarness) async throws {
        let (domain, policy) = try ServerHarness.financePacks()
        let uploadedDomain = try await client.execute(uri: "/tenants/acme/packs?kind=domain", method: .post,
                                                      headers: harness.headers("admin", [.contentType: "application/json"]), body: ByteBuffer(bytes: domain))
        XCTAssertEqual(uploadedDomain.status, .created, String(buffer: uploadedDomain.body))
        let uploadedPolicy = try await client.execute(uri: "/tenants/acme/packs?kind=policy", method: .post,
                                                      headers: harness.headers("admin", [.contentType: "application/json"]), body: ByteBuffer(bytes: policy))
        XCTAssertEqual(uploadedPolicy.status, .created, String(buffer: uploadedPolicy.body))
        let domainVersion = try XCTUnwrap(ServerHarness.json(uploadedDomain)["version"] as? String)
        let policyVersion = try XCTUnwrap(ServerHarness.json(uploadedPolicy)["version"] as? String)
        let activated = try await client.execute(uri: "/tenants/acme/packs/finance/activate", method: .post, headers: harness.headers("admin"),
                                                 body: ByteBuffer(string: "{\"domainVersion\":\"\(domainVersion)\",\"policyVersion\":\"\(policyVersion)\"}"))
        XCTAssertEqual(activated.status, .ok, String(buffer: activated.body))
    }

    func testPacksAdmin() async throws {
        let harness = try await ServerHarness()
        try await harness.test { client in
            try await Self.installFinance(client, harness)
            let invalid = try await client.execute(uri: "/tenants/acme/packs?kind=domain", method: .post, headers: harness.headers("admin"),
                                                   body: ByteBuffer(string: "domainName: finance\nversion: not-a-version\n"))
            try ServerHarness.assertProblem(invalid, .unprocessableContent, "invalid-pack")
            let errors = try XCTUnwrap(try ServerHarness.json(invalid)["errors"] as? [[String: Any]])
            XCTAssertFalse(errors.isEmpty)
            XCTAssertTrue(errors.allSatisfy { ($0["pointer"] as? String)?.hasPrefix("/") == true || ($0["pointer"] as? String) == "" }, "\(errors)")
            let (_, policy) = try ServerHarness.financePacks(tenant: "globex")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/packs?kind=policy", method: .post, headers: harness.headers("admin"),
                                                                     body: ByteBuffer(bytes: policy)), .unprocessableContent, "invalid-pack")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/packs?kind=domain", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(string: "{}")), .forbidden, "role-forbidden")

            // A second policy version: listed, diffable, activatable, and rolled back.
            var document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try ServerHarness.financePacks().policy)) as? [String: Any])
            let oldVersion = try XCTUnwrap(document["version"] as? String)
            document["version"] = "9.0.0"
            document["description"] = "stricter"
            let second = try await client.execute(uri: "/tenants/acme/packs?kind=policy", method: .post, headers: harness.headers("admin"),
                                                  body: ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: document))))
            XCTAssertEqual(second.status, .created, String(buffer: second.body))
            let diff = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/packs/finance/diff?kind=policy&from=\(oldVersion)&to=9.0.0", method: .get,
                                                                      headers: harness.headers("viewer")))
            let pointers = (diff["changes"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            XCTAssertTrue(pointers.contains("/version"), "\(pointers)")
            XCTAssertTrue(pointers.contains("/description"), "\(pointers)")
            let versions = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/packs/finance/versions", method: .get, headers: harness.headers("viewer")))
            let domainVersion = try XCTUnwrap((versions["active"] as? [String: Any])?["domainVersion"] as? String)
            let activated = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/packs/finance/activate", method: .post, headers: harness.headers("admin"),
                                                                           body: ByteBuffer(string: "{\"domainVersion\":\"\(domainVersion)\",\"policyVersion\":\"9.0.0\"}")))
            XCTAssertEqual((activated["active"] as? [String: Any])?["policyVersion"] as? String, "9.0.0")
            let rolledBack = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/packs/finance/rollback", method: .post, headers: harness.headers("admin")))
            XCTAssertEqual((rolledBack["active"] as? [String: Any])?["policyVersion"] as? String, oldVersion)
            let list = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/acme/packs", method: .get, headers: harness.headers("viewer")))
            XCTAssertEqual(list.map { $0["domain"] as? String }, ["finance"])
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/packs/healthcare/rollback", method: .post, headers: harness.headers("admin")),
                                            .notFound, "not-found")
        }
    }

    func testExceptionsApprovalsStreamAndMetrics() async throws {
        try await ServerHarness.onEachStore { harness in
            let exceptions = Array(try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance/exceptions.json")))
            let ids = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(exceptions)) as? [[String: Any]]).compactMap { $0["exceptionId"] as? String }
            try await harness.test { client in
                try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator"),
                                                                         body: ByteBuffer(bytes: exceptions)), .conflict, "no-active-pack")
                try await Self.installFinance(client, harness)
                let idempotency: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "batch-1"]
                let accepted = try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator", idempotency),
                                                        body: ByteBuffer(bytes: exceptions))
                XCTAssertEqual(accepted.status, .accepted, String(buffer: accepted.body))
                let acceptedIDs = (try ServerHarness.json(accepted)["accepted"] as? [[String: Any]] ?? []).compactMap { $0["exceptionId"] as? String }
                XCTAssertEqual(acceptedIDs, ids)
                let replay = try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator", idempotency),
                                                      body: ByteBuffer(bytes: exceptions))
                XCTAssertEqual(replay.status, .accepted)
                XCTAssertEqual(replay.headers[HTTPField.Name("Idempotent-Replayed")!], "true")
                XCTAssertEqual(String(buffer: replay.body), String(buffer: accepted.body))
                try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator", idempotency),
                                                                         body: ByteBuffer(string: "[]")), .unprocessableContent, "idempotency-key-reused")
                try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator"),
                                                                         body: ByteBuffer(string: "{\"exceptionType\":\"NOPE\"}")), .unprocessableContent, "unknown-exception-type")

                // Wait for every outcome.
                var statuses: [String: String] = [:]
                for id in ids {
                    for _ in 0..<600 {
                        let response = try await client.execute(uri: "/exceptions/acme/\(id)", method: .get, headers: harness.headers("viewer"))
                        if response.status == .ok, let body = try? ServerHarness.json(response), body["processing"] as? Bool == false {
                            statuses[id] = body["status"] as? String
                            XCTAssertFalse((body["auditTrail"] as? [Any] ?? []).isEmpty)
                            break
                        }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                XCTAssertEqual(statuses.count, ids.count, "\(statuses)")

                // The stream replays the stages with ids, resumes after Last-Event-ID, and ends.
                let first = try XCTUnwrap(ids.first)
                let stream = String(buffer: try await client.execute(uri: "/exceptions/acme/\(first)/stream", method: .get, headers: harness.headers("viewer")).body)
                let eventIDs = stream.split(separator: "\n").filter { $0.hasPrefix("id: ") }.compactMap { Int($0.dropFirst(4)) }
                XCTAssertEqual(eventIDs, Array(1...max(1, eventIDs.count)), stream)
                XCTAssertTrue(stream.contains("event: end"), stream)
                let resumed = String(buffer: try await client.execute(uri: "/exceptions/acme/\(first)/stream", method: .get,
                                                                     headers: harness.headers("viewer", [HTTPField.Name("Last-Event-ID")!: "2"])).body)
                XCTAssertEqual(resumed.split(separator: "\n").filter { $0.hasPrefix("id: ") }.compactMap { Int($0.dropFirst(4)) }, Array(eventIDs.dropFirst(2)))

                // Approvals: decide the pending ones; each resumes its exception.
                let pending = try ServerHarness.jsonArray(try await client.execute(uri: "/exceptions/acme/approvals?status=pending", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(pending.count, statuses.values.filter { $0 == "PENDING_APPROVAL" }.count)
                XCTAssertFalse(pending.isEmpty, "the finance samples include exceptions that need approval")
                if let approval = pending.first, let approvalID = approval["id"] as? String {
                    try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme/approvals/\(approvalID)/decision", method: .post,
                                                                             headers: harness.headers("viewer"), body: ByteBuffer(string: "{\"decision\":\"approve\",\"user\":\"v\"}")),
                                                    .forbidden, "role-forbidden")
                    try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme/approvals/\(approvalID)/decision", method: .post,
                                                                             headers: harness.headers("operator"), body: ByteBuffer(string: "{\"decision\":\"maybe\",\"user\":\"o\"}")),
                                                    .unprocessableContent, "invalid-decision")
                    let decided = try await client.execute(uri: "/exceptions/acme/approvals/\(approvalID)/decision", method: .post, headers: harness.headers("operator"),
                                                           body: ByteBuffer(string: "{\"decision\":\"approve\",\"user\":\"ops-lead\",\"comment\":\"ok\"}"))
                    XCTAssertEqual(decided.status, .ok, String(buffer: decided.body))
                    let outcome = try XCTUnwrap(try ServerHarness.json(decided)["outcome"] as? [String: Any])
                    XCTAssertNotEqual((outcome["exception"] as? [String: Any])?["resolutionStatus"] as? String, "PENDING_APPROVAL")
                    try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme/approvals/\(approvalID)/decision", method: .post,
                                                                             headers: harness.headers("operator"), body: ByteBuffer(string: "{\"decision\":\"reject\",\"user\":\"o\"}")),
                                                    .conflict, "approval-decided")
                }

                // POST /run answers synchronously.
                let run = try await client.execute(uri: "/run", method: .post, headers: harness.headers("operator"),
                                                   body: ByteBuffer(string: "{\"tenantId\":\"acme\",\"exceptions\":\(String(decoding: exceptions, as: UTF8.self))}"))
                XCTAssertEqual(run.status, .ok, String(buffer: run.body))
                let runs = try XCTUnwrap(try ServerHarness.json(run)["runs"] as? [[String: Any]])
                XCTAssertEqual((runs.first?["results"] as? [Any])?.count, ids.count)
                try ServerHarness.assertProblem(try await client.execute(uri: "/run", method: .post, headers: harness.headers("globex"),
                                                                         body: ByteBuffer(string: "{\"tenantId\":\"acme\",\"exceptions\":[]}")), .forbidden, "tenant-forbidden")

                let metrics = try ServerHarness.json(try await client.execute(uri: "/metrics/acme", method: .get, headers: harness.headers("viewer")))
                XCTAssertGreaterThanOrEqual(metrics["exceptions"] as? Int ?? 0, ids.count)
                let listed = try ServerHarness.jsonArray(try await client.execute(uri: "/exceptions/acme", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(Set(listed.compactMap { ($0["exception"] as? [String: Any])?["exceptionId"] as? String }), Set(ids))
                let verify = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/audit/verify", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(verify["valid"] as? Bool, true, "\(verify)")
                XCTAssertGreaterThan(verify["records"] as? Int ?? 0, ids.count * 3, "pipeline stages and API writes share the chain")
            }
        }
    }

    /// `POST /exceptions` puts the batch on the durable job queue: a process that accepted it and stopped before
    /// working it off leaves it to the next process on the same stores, which runs it under the pack versions
    /// active at acceptance and replays the `Idempotency-Key` answer without enqueuing the batch again.
    func testAcceptedExceptionsSurviveARestartAndTheirIdempotencyKey() async throws {
        let body = Array(try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance/exceptions.json")))
        let count = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body)) as? [Any]).count
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]])
        for index in document.indices { document[index]["exceptionId"] = nil }
        let anonymous = Array(try JSONSerialization.data(withJSONObject: document))
        let idempotency: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "restart-batch-1"]
        try await ServerHarness.withEachStores { stores in
            let first = try await ServerHarness(stores: stores)
            let accepted = try await Self.submitWithoutWorking(first, body: anonymous, headers: idempotency)
            XCTAssertEqual(accepted.count, count)

            // A new process on the same stores (the first one is gone): it works the queued batch off.
            let second = try await ServerHarness(stores: stores)
            try await second.test { client in
                for id in accepted {
                    var processed = false
                    for _ in 0..<600 where !processed {
                        let response = try await client.execute(uri: "/exceptions/acme/\(id)", method: .get, headers: second.headers("viewer"))
                        if response.status == .ok { processed = try ServerHarness.json(response)["processing"] as? Bool == false }
                        if !processed { try await Task.sleep(for: .milliseconds(50)) }
                    }
                    XCTAssertTrue(processed, "\(id) was processed after the restart")
                }
                let replay = try await client.execute(uri: "/exceptions/acme", method: .post, headers: second.headers("operator", idempotency),
                                                      body: ByteBuffer(bytes: anonymous))
                XCTAssertEqual(replay.status, .accepted, String(buffer: replay.body))
                XCTAssertEqual(replay.headers[HTTPField.Name("Idempotent-Replayed")!], "true", "the key was persisted with the stores")
                let replayed = (try ServerHarness.json(replay)["accepted"] as? [[String: Any]] ?? []).compactMap { $0["exceptionId"] as? String }
                XCTAssertEqual(replayed, accepted)
                try ServerHarness.assertProblem(try await client.execute(uri: "/exceptions/acme", method: .post, headers: second.headers("operator", idempotency),
                                                                         body: ByteBuffer(bytes: body)), .unprocessableContent, "idempotency-key-reused")
            }
            let counts = try await stores.jobs.counts()
            XCTAssertEqual(counts.succeeded, 1, "one job for the batch, never enqueued twice: \(counts)")
            XCTAssertEqual(counts.queued + counts.running, 0)
        }
    }

    /// Installs the finance packs and submits `body` on a harness whose job worker never runs; returns the ids.
    private static func submitWithoutWorking(_ harness: ServerHarness, body: [UInt8], headers: HTTPFields) async throws -> [String] {
        let ids = IdBox()
        try await harness.test(runningServices: false) { client in
            try await installFinance(client, harness)
            let response = try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator", headers),
                                                    body: ByteBuffer(bytes: body))
            XCTAssertEqual(response.status, .accepted, String(buffer: response.body))
            let accepted = (try ServerHarness.json(response)["accepted"] as? [[String: Any]] ?? []).compactMap { $0["exceptionId"] as? String }
            let again = try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator", headers),
                                                 body: ByteBuffer(bytes: body))
            XCTAssertEqual(again.headers[HTTPField.Name("Idempotent-Replayed")!], "true")
            let pending = try await client.execute(uri: "/exceptions/acme/\(try XCTUnwrap(accepted.first))", method: .get, headers: harness.headers("viewer"))
            try ServerHarness.assertProblem(pending, .conflict, "exception-queued")
            ids.set(accepted)
        }
        return ids.value
    }
}

/// Carries values out of a `@Sendable` test closure.
private final class IdBox: Sendable {
    private let storage = Mutex<[String]>([])
    func set(_ ids: [String]) { storage.withLock { $0 = ids } }
    var value: [String] { storage.withLock { $0 } }
}
