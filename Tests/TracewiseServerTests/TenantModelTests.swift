import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TracewiseHTTPTesting
import TracewiseServer
import TracewiseTestSupport
import XCTest

/// The per-tenant language model (issue 16's server wiring): a tenant whose active policy selects a model
/// gets fact-checked model narratives and advisory exception notes from it, with the PII masked before
/// anything leaves the process; another tenant stays on the offline default and the model never hears of it.
final class TenantModelTests: XCTestCase {
    private static let advice = "{\"explanation\": \"Likely a cut-off miss.\", \"evidence\": [\"similar case last week\"], \"confidence\": 0.9}"

    /// The draft the narrator sent (a well-behaved model returns it, grounded in the facts).
    private static func draft(in request: FakeRequest) -> String {
        guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let messages = body["messages"] as? [[String: Any]],
              let last = messages.last?["content"] as? String,
              let marker = last.range(of: "DRAFT:", options: .backwards) else { return "" }
        return last[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A CSV log whose resources are e-mail addresses (PII that must never reach a provider).
    private static func peopleLog() -> [UInt8] {
        var csv = "case:concept:name,concept:name,time:timestamp,org:resource\n"
        let people = ["ann.lee@example.com", "bo.chen@example.com", "cy.diaz@example.com"]
        let start = 1_767_225_600.0
        for index in 0..<60 {
            let base = start + Double(index) * 3_600
            let steps = index % 4 == 0 ? ["Receive", "Check", "Rework", "Check", "Approve"] : ["Receive", "Check", "Approve"]
            for (step, activity) in steps.enumerated() {
                let time = Date(timeIntervalSince1970: base + Double(step) * Double(1_800 + (index % 7) * 600))
                csv += "c\(index),\(activity),\(ISO8601DateFormatter().string(from: time)),\(people[(index + step) % people.count])\n"
            }
        }
        return Array(csv.utf8)
    }

    /// Uploads the finance packs for `tenant` (the policy selecting `model`, or none) and activates them.
    private static func install(_ client: any TestClientProtocol, _ harness: ServerHarness, tenant: String, key: String,
                                model: [String: Any]?) async throws {
        let (domain, policyBytes) = try ServerHarness.financePacks(tenant: tenant)
        var policy = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(policyBytes)) as? [String: Any])
        if let model { policy["model"] = model }
        var versions: [String] = []
        for (kind, body) in [("domain", domain), ("policy", Array(try JSONSerialization.data(withJSONObject: policy)))] {
            let uploaded = try await client.execute(uri: "/tenants/\(tenant)/packs?kind=\(kind)", method: .post, headers: harness.headers(key),
                                                    body: ByteBuffer(bytes: body))
            XCTAssertEqual(uploaded.status, .created, String(buffer: uploaded.body))
            versions.append(try XCTUnwrap(ServerHarness.json(uploaded)["version"] as? String))
        }
        let activated = try await client.execute(uri: "/tenants/\(tenant)/packs/finance/activate", method: .post, headers: harness.headers(key),
                                                 body: ByteBuffer(string: "{\"domainVersion\":\"\(versions[0])\",\"policyVersion\":\"\(versions[1])\"}"))
        XCTAssertEqual(activated.status, .ok, String(buffer: activated.body))
    }

    /// The finance sample exceptions, each carrying a contact e-mail address in its payload.
    private static func exceptionsWithPII() throws -> (body: [UInt8], ids: [String]) {
        let url = SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance/exceptions.json")
        var items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        for index in items.indices {
            var payload = items[index]["payload"] as? [String: Any] ?? [:]
            payload["contactEmail"] = "jane.doe@example.com"
            items[index]["payload"] = payload
        }
        return (Array(try JSONSerialization.data(withJSONObject: items)), items.compactMap { $0["exceptionId"] as? String })
    }

    /// Waits for each exception's outcome and returns every evidence line of its decisions.
    private static func evidence(_ client: any TestClientProtocol, _ harness: ServerHarness, tenant: String, key: String,
                                 ids: [String]) async throws -> [String: [String]] {
        var evidence: [String: [String]] = [:]
        for id in ids {
            for _ in 0..<600 {
                let response = try await client.execute(uri: "/exceptions/\(tenant)/\(id)", method: .get, headers: harness.headers(key))
                if response.status == .ok, let body = try? ServerHarness.json(response), body["processing"] as? Bool == false {
                    let decisions = (body["outcome"] as? [String: Any])?["decisions"] as? [[String: Any]] ?? []
                    evidence[id] = decisions.flatMap { ($0["decision"] as? [String: Any])?["evidence"] as? [String] ?? [] }
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        XCTAssertEqual(evidence.count, ids.count, "every exception finished")
        return evidence
    }

    func testATenantsPolicySelectsItsModelAndOtherTenantsStayOffline() async throws {
        let fake = try await FakeLLMServer(.openai) { request, _ in
            let body = request.bodyText
            if body.contains("You explain business exceptions") { return .reply(Self.advice) }
            let draft = Self.draft(in: request)
            return .reply(body.contains("briefing for a CFO") ? draft + "\nCycle time fell by 97.3% last quarter, saving 1234567 hours." : draft)
        }
        defer { Task { try? await fake.shutdown() } }
        let harness = try await ServerHarness { configuration in
            configuration.modelEnvironment = ["OPENAI_BASE_URL": fake.baseURL, "OPENAI_API_KEY": "sk-test-server-0123456789"]
        }
        let (exceptions, ids) = try Self.exceptionsWithPII()
        try await harness.test { client in
            let model: [String: Any] = ["provider": "openai", "name": "test-model", "temperature": 0, "maxTokens": 800,
                                        "timeoutMs": 15_000, "maxRetries": 1]
            try await Self.install(client, harness, tenant: "acme", key: "admin", model: model)
            try await Self.install(client, harness, tenant: "globex", key: "globex", model: nil)

            // acme: the model writes the narratives; the fact checker rejects the CFO text with invented numbers.
            let acmeLog = try await ServerHarness.upload(client, harness, bytes: Self.peopleLog(), name: "people.csv")
            let (acmeAnalysis, acmeStatus) = try await ServerHarness.analyse(client, harness, logID: acmeLog)
            XCTAssertEqual(acmeStatus["status"] as? String, "succeeded", "\(acmeStatus)")
            let narratives = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/acme/analyses/\(acmeAnalysis)/narratives",
                                                                                 method: .get, headers: harness.headers("viewer")))
            XCTAssertEqual(narratives.count, 4)
            for narrative in narratives {
                let role = try XCTUnwrap(narrative["role"] as? String)
                let usage = narrative["usage"] as? [String: Any]
                XCTAssertGreaterThan(usage?["inputTokens"] as? Int ?? 0, 0, "\(role): the call was made and accounted")
                if role == "cfo" {
                    XCTAssertEqual(narrative["source"] as? String, "template")
                    XCTAssertTrue((narrative["fallbackReason"] as? String)?.contains("fact check") == true, "\(narrative)")
                    XCTAssertTrue((narrative["factCheckFailures"] as? [String] ?? []).contains { $0.contains("1234567") }, "\(narrative)")
                } else {
                    XCTAssertEqual(narrative["source"] as? String, "openai:test-model", "\(role): \(narrative)")
                    XCTAssertNil(narrative["fallbackReason"], "\(role)")
                }
            }

            // acme: exceptions are advised by the model (evidence only, never a decision).
            let accepted = try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator"),
                                                    body: ByteBuffer(bytes: exceptions))
            XCTAssertEqual(accepted.status, .accepted, String(buffer: accepted.body))
            let advised = try await Self.evidence(client, harness, tenant: "acme", key: "viewer", ids: ids)
            XCTAssertTrue(advised.values.contains { $0.contains("LLM explanation: Likely a cut-off miss.") }, "\(advised)")

            // Redaction: the PII was in what the server asked about, and the provider only ever saw masks.
            let seenByModel = fake.requests.map(\.bodyText)
            XCTAssertGreaterThanOrEqual(seenByModel.count, 5, "four narratives and at least one advisory call")
            XCTAssertFalse(seenByModel.contains { $0.contains("@example.com") }, "an e-mail address reached the provider")
            XCTAssertTrue(seenByModel.contains { $0.contains("briefing for a") && $0.contains("[EMAIL]") }, "the narrative facts were masked")
            XCTAssertTrue(seenByModel.contains { $0.contains("You explain business exceptions") && $0.contains("[EMAIL]") },
                          "the exception payload was masked")
            XCTAssertFalse(seenByModel.contains { $0.contains("sk-test-server") }, "the key travels in a header, never in a body")
            XCTAssertEqual(fake.requests.first?.header("authorization"), "Bearer sk-test-server-0123456789")

            // globex: policy `provider: none` — template narratives, rule-based exceptions, nothing sent anywhere.
            let callsBefore = fake.requests.count
            let globexLog = try await ServerHarness.upload(client, harness, bytes: Self.peopleLog(), name: "people.csv", tenant: "globex", key: "globex")
            let (globexAnalysis, globexStatus) = try await ServerHarness.analyse(client, harness, logID: globexLog, tenant: "globex", key: "globex")
            XCTAssertEqual(globexStatus["status"] as? String, "succeeded", "\(globexStatus)")
            let offline = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/globex/analyses/\(globexAnalysis)/narratives",
                                                                              method: .get, headers: harness.headers("globex")))
            XCTAssertEqual(offline.map { $0["source"] as? String }, Array(repeating: "template", count: 4))
            XCTAssertTrue(offline.allSatisfy { $0["fallbackReason"] == nil && $0["usage"] == nil }, "\(offline)")
            let globexAccepted = try await client.execute(uri: "/exceptions/globex", method: .post, headers: harness.headers("globex"),
                                                          body: ByteBuffer(bytes: exceptions))
            XCTAssertEqual(globexAccepted.status, .accepted, String(buffer: globexAccepted.body))
            let ruleBased = try await Self.evidence(client, harness, tenant: "globex", key: "globex", ids: ids)
            XCTAssertFalse(ruleBased.values.joined().contains { $0.hasPrefix("LLM") }, "\(ruleBased)")
            XCTAssertEqual(fake.requests.count, callsBefore, "the offline tenant's work never reached the model")
        }
    }

    func testAModelWithoutItsKeyFallsBackAndSaysWhy() async throws {
        let harness = try await ServerHarness { configuration in configuration.modelEnvironment = [:] }
        try await harness.test { client in
            try await Self.install(client, harness, tenant: "acme", key: "admin",
                                   model: ["provider": "anthropic", "name": "claude-test", "temperature": 0, "maxTokens": 800,
                                           "timeoutMs": 15_000, "maxRetries": 1])
            let logID = try await ServerHarness.upload(client, harness, bytes: Self.peopleLog(), name: "people.csv")
            let submitted = try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("operator"),
                                                     body: ByteBuffer(string: "{\"logId\":\"\(logID)\",\"domain\":\"healthcare\"}"))
            try ServerHarness.assertProblem(submitted, .conflict, "no-active-pack")
            let (id, status) = try await ServerHarness.analyse(client, harness, logID: logID)
            XCTAssertEqual(status["status"] as? String, "succeeded", "\(status)")
            let narratives = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/acme/analyses/\(id)/narratives",
                                                                                 method: .get, headers: harness.headers("viewer")))
            XCTAssertEqual(narratives.count, 4)
            for narrative in narratives {
                XCTAssertEqual(narrative["source"] as? String, "template")
                let reason = narrative["fallbackReason"] as? String ?? ""
                XCTAssertTrue(reason.contains("ANTHROPIC_API_KEY is not set"), reason)
            }
        }
    }
}
