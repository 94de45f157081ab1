import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TracewiseHTTPTesting
import TracewiseServer
import TracewiseTestSupport
import XCTest

/// Real responses against the schemas of Web/openapi.json: every documented success response of every route is
/// produced and checked, and the checker itself fails on responses that disagree with their schema.
final class OpenAPIResponseTests: XCTestCase {
    private var document: OpenAPIDocument { ContractCheckingClient.document }

    func testTheCheckerRejectsResponsesThatDisagreeWithTheirSchema() throws {
        let health = Array(#"{"status":"ok","version":"1"}"#.utf8)
        XCTAssertEqual(document.check(method: "GET", path: "/health", status: 200, contentType: "application/json", body: health), [])

        let problem = #"{"type":"urn:tracewise:problem:not-found","title":"Not Found","status":404,"code":"not-found","detail":"log x"}"#
        XCTAssertEqual(document.check(method: "GET", path: "/tenants/acme/logs/x", status: 404, contentType: "application/problem+json",
                                      body: Array(problem.utf8)), [])
        let withoutCode = #"{"type":"urn:tracewise:problem:not-found","title":"Not Found","status":404,"detail":"log x"}"#
        let missing = try XCTUnwrap(document.check(method: "GET", path: "/tenants/acme/logs/x", status: 404,
                                                   contentType: "application/problem+json", body: Array(withoutCode.utf8)))
        XCTAssertTrue(missing.contains { $0.contains("required member code is missing") }, "\(missing)")

        let status = #"{"id":"a.a1","logId":"a","status":"finished","progress":{"phase":"done","fraction":1.5}}"#
        let wrong = try XCTUnwrap(document.check(method: "GET", path: "/tenants/acme/analyses/a.a1", status: 200,
                                                 contentType: "application/json", body: Array(status.utf8)))
        XCTAssertTrue(wrong.contains { $0.contains("/status") && $0.contains("\"finished\" is not one of") }, "\(wrong)")
        XCTAssertTrue(wrong.contains { $0.contains("/progress/fraction") && $0.contains("maximum") }, "\(wrong)")

        let typed = #"{"id":"a.a1","logId":"a","status":"queued","progress":{"phase":"queued","fraction":"0"}}"#
        XCTAssertTrue(try XCTUnwrap(document.check(method: "GET", path: "/tenants/acme/analyses/a.a1", status: 200, contentType: "application/json",
                                                   body: Array(typed.utf8))).contains { $0.contains("expected number, found string") })
        XCTAssertTrue(try XCTUnwrap(document.check(method: "GET", path: "/health", status: 201, contentType: "application/json", body: health))
            .contains { $0.contains("status 201 is not documented") })
        XCTAssertTrue(try XCTUnwrap(document.check(method: "GET", path: "/health", status: 200, contentType: "text/html", body: health))
            .contains { $0.contains("media type 'text/html' is not documented") })
        XCTAssertTrue(try XCTUnwrap(document.check(method: "GET", path: "/health", status: 200, contentType: "application/json", body: Array("ok".utf8)))
            .contains { $0.contains("not JSON") })
        XCTAssertNil(document.check(method: "GET", path: "/ui/app.js", status: 200, contentType: "text/javascript", body: []), "static files are not operations")
        XCTAssertEqual(document.template(for: "GET", path: "/exceptions/acme/approvals"), "/exceptions/{tenantId}/approvals")
        XCTAssertEqual(document.template(for: "GET", path: "/exceptions/acme/e-1"), "/exceptions/{tenantId}/{exceptionId}")
    }

    func testTheValidatorCoversTheKeywordsAndRefusesUnknownOnes() throws {
        let root = try JSONInstance(parsing: Array(#"{"defs":{"n":{"type":"integer","minimum":1}}}"#.utf8))
        let validator = JSONSchemaValidator(root: root)
        func violations(_ instance: String, _ schema: String) throws -> [String] {
            validator.validate(try JSONInstance(parsing: Array(instance.utf8)), against: try JSONInstance(parsing: Array(schema.utf8))).map(\.description)
        }
        XCTAssertEqual(try violations("3", ##"{"$ref":"#/defs/n"}"##), [])
        XCTAssertEqual(try violations("2.5", ##"{"$ref":"#/defs/n"}"##), ["/: expected integer, found number"])
        XCTAssertEqual(try violations("true", #"{"type":"number"}"#), ["/: expected number, found boolean"], "a boolean is not a number")
        XCTAssertEqual(try violations("null", #"{"type":["string","null"]}"#), [])
        XCTAssertEqual(try violations(#"{"a":1,"b":"x"}"#, #"{"properties":{"a":{"type":"integer"}},"additionalProperties":false}"#),
                       ["/b: no value is allowed here"])
        XCTAssertEqual(try violations(#"["ab","abc"]"#, #"{"items":{"pattern":"^ab$"}}"#), [#"/1: "abc" does not match ^ab$"#])
        XCTAssertEqual(try violations(#""x""#, #"{"const":"y"}"#), [#"/: "x" is not "y""#])
        XCTAssertEqual(try violations("1", #"{"oneOf":[{"type":"integer"},{"type":"number"}]}"#), ["/: matches 2 of oneOf, not exactly one"])
        XCTAssertEqual(try violations(#"{"a/b":0}"#, #"{"properties":{"a/b":{"exclusiveMinimum":0}}}"#), ["/a~1b: 0 violates exclusiveMinimum 0"])
        XCTAssertEqual(try violations("1", #"{"multipleOf":2}"#), ["/: unsupported schema keyword multipleOf"])
        XCTAssertEqual(try violations("1", #"{"format":"uri","description":"annotations are ignored"}"#), [])
    }

    func testEveryDocumentedSuccessResponseIsCheckedOnARealResponse() async throws {
        let jira = FakeJira(issues: [FakeJira.Issue(key: "OPS-1", created: 1_735_700_000_000_000,
                                                    statuses: [.init("Done", at: 1_735_710_000_000_000, by: "dev-1")])])
        let jiraServer = try await LoopbackFakeServer { request, _ in jira.reply(request) }
        defer { Task { try await jiraServer.shutdown() } }
        let connectors = ["JIRA_BASE_URL": jiraServer.baseURL, "JIRA_EMAIL": "a@example.com", "JIRA_API_TOKEN": "t"]
        try await ServerHarness.onEachStore(configure: { $0.connectorEnvironment = connectors }) { harness in
            let (bytes, log) = try ServerHarness.generatedLog(events: 800)
            let exceptions = Array(try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance/exceptions.json")))
            try await harness.test { client in
                func call(_ method: HTTPRequest.Method, _ uri: String, key: String = "admin", body: String? = nil,
                          expect status: HTTPResponse.Status = .ok) async throws -> TestResponse {
                    let response = try await client.execute(uri: uri, method: method, headers: harness.headers(key), body: body.map { ByteBuffer(string: $0) })
                    XCTAssertEqual(response.status, status, "\(method) \(uri): \(String(buffer: response.body))")
                    return response
                }
                try await ExceptionAndPackRouteTests.installFinance(client, harness)
                let logID = try await ServerHarness.upload(client, harness, bytes: bytes)
                let other = try await ServerHarness.upload(client, harness, bytes: bytes, name: "other.xes.gz")
                let (id, _) = try await ServerHarness.analyse(client, harness, logID: logID)
                let activity = try XCTUnwrap(log.activityNames.first?.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
                for path in ["stats", "dfg", "variants?offset=0&limit=5", "map", "map.svg", "tree", "tree.ptml", "net.pnml", "model.bpmn", "conformance",
                             "drivers", "counterfactuals", "facts", "narratives", "narratives/ceo", "report.html", "provenance", "bottlenecks/\(activity)"] {
                    _ = try await call(.get, "/tenants/acme/analyses/\(id)/\(path)", key: "viewer")
                }
                _ = try await call(.get, "/tenants/acme/analyses?logId=\(logID)", key: "viewer")
                let queued = try ServerHarness.json(try await call(.post, "/tenants/acme/analyses", key: "operator", body: "{\"logId\":\"\(other)\"}",
                                                                   expect: .accepted))
                _ = try await call(.delete, "/tenants/acme/analyses/\(try XCTUnwrap(queued["id"] as? String))", key: "operator")
                for uri in ["/tenants/acme/logs", "/tenants/acme/logs/\(logID)", "/tenants/acme/logs/\(logID)/fingerprint",
                            "/tenants/acme/logs/\(logID)/attributes", "/tenants/acme/logs/\(logID)/drift?against=\(other)"] {
                    _ = try await call(.get, uri, key: "viewer")
                }

                let accepted = try ServerHarness.json(try await call(.post, "/exceptions/acme", key: "operator", body: String(decoding: exceptions, as: UTF8.self),
                                                                     expect: .accepted))
                let exceptionID = try XCTUnwrap((accepted["accepted"] as? [[String: Any]])?.first?["exceptionId"] as? String)
                var pending: [[String: Any]] = []
                for _ in 0..<600 where pending.isEmpty {
                    pending = try ServerHarness.jsonArray(try await call(.get, "/exceptions/acme/approvals?status=pending", key: "viewer"))
                    if pending.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
                }
                let approvalID = try XCTUnwrap(pending.first?["id"] as? String)
                _ = try await call(.post, "/exceptions/acme/approvals/\(approvalID)/decision", key: "operator",
                                   body: "{\"decision\":\"approve\",\"user\":\"ops-lead\",\"comment\":\"checked\"}")
                for uri in ["/exceptions/acme", "/exceptions/acme/\(exceptionID)", "/exceptions/acme/\(exceptionID)/stream", "/metrics/acme"] {
                    _ = try await call(.get, uri, key: "viewer")
                }
                _ = try await call(.post, "/run", key: "operator", body: "{\"tenantId\":\"acme\",\"exceptions\":\(String(decoding: exceptions, as: UTF8.self))}")

                let versions = try ServerHarness.json(try await call(.get, "/tenants/acme/packs/finance/versions", key: "viewer"))
                let active = try XCTUnwrap(versions["active"] as? [String: Any])
                let (domainVersion, policyVersion) = (try XCTUnwrap(active["domainVersion"] as? String), try XCTUnwrap(active["policyVersion"] as? String))
                var policy = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try ServerHarness.financePacks().policy)) as? [String: Any])
                policy["version"] = "9.0.0"
                _ = try await call(.post, "/tenants/acme/packs?kind=policy", body: String(decoding: try JSONSerialization.data(withJSONObject: policy), as: UTF8.self),
                                   expect: .created)
                _ = try await call(.post, "/tenants/acme/packs/finance/activate", body: "{\"domainVersion\":\"\(domainVersion)\",\"policyVersion\":\"9.0.0\"}")
                _ = try await call(.get, "/tenants/acme/packs/finance/diff?kind=policy&from=\(policyVersion)&to=9.0.0", key: "viewer")
                _ = try await call(.post, "/tenants/acme/packs/finance/rollback")
                _ = try await call(.get, "/tenants/acme/packs", key: "viewer")

                let created = try ServerHarness.json(try await call(.post, "/tenants/acme/keys", body: "{\"role\":\"viewer\"}", expect: .created))
                _ = try await call(.get, "/tenants/acme/keys")
                _ = try await call(.delete, "/tenants/acme/keys/\(try XCTUnwrap(created["id"] as? String))", expect: .noContent)
                for uri in ["/tenants/acme/audit/verify", "/tenants/acme/audit/export", "/health", "/me", "/metrics"] {
                    _ = try await call(.get, uri, key: "viewer")
                }
                let pull = try ServerHarness.json(try await call(.post, "/tenants/acme/pulls", key: "operator",
                                                                 body: #"{"source":"jira","from":"2025-01-01","to":"2025-02-01","analyze":false}"#,
                                                                 expect: .accepted))
                let pullID = try XCTUnwrap(pull["id"] as? String)
                for _ in 0..<600 {
                    let status = try ServerHarness.json(try await call(.get, "/tenants/acme/pulls/\(pullID)", key: "viewer"))
                    if status["status"] as? String == "succeeded" { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                _ = try await call(.get, "/tenants/acme/pulls", key: "viewer")
                _ = try await call(.delete, "/tenants/acme/logs/\(other)", key: "operator", expect: .noContent)
            }
            // A decision answers 202 only when its resume job outlasts the route's wait; ApprovalResumeRecoveryTests
            // produces it (a process whose job worker does not run) and checks it against its schema.
            let unchecked = ContractCheckingClient.document.documentedSuccesses.subtracting(harness.checked.operations)
                .subtracting(["POST /exceptions/{tenantId}/approvals/{approvalId}/decision 202"])
            XCTAssertEqual(unchecked.sorted(), [], "documented success responses no test produced and checked")
        }
    }
}
