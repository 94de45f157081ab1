import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TracewiseHTTPTesting
import XCTest

/// `POST /tenants/{t}/pulls`: onboarding from a business system as a job — against a loopback Jira fake whose
/// URL and credentials the host sets (acme's own, via `TRACEWISE_ACME_…`): the pull runs on the job queue,
/// the combined log is stored and analysed, a second pull over a later window fetches only what changed
/// since the stored cursor, tenants without settings get 409, and no response carries the token.
final class PullRouteTests: XCTestCase {
    private let day: Int64 = 86_400_000_000
    private let start: Int64 = 1_735_689_600_000_000  // 2025-01-01

    func testAPullRunsAsAJobStoresTheLogStartsItsAnalysisAndResumesFromTheCursor() async throws {
        let issues = (1...40).map { n in
            FakeJira.Issue(key: "OPS-\(n)", created: start + Int64(n) * day / 2,
                           statuses: [.init("In Progress", at: start + Int64(n) * day / 2 + day / 8, by: "dev-\(n % 3)"),
                                      .init("Done", at: start + Int64(n) * day / 2 + day / 3, by: "lead-\(n % 2)")])
        }
        let fake = FakeJira(issues: issues)
        let server = try await LoopbackFakeServer { request, _ in fake.reply(request) }
        defer { Task { try await server.shutdown() } }
        let environment = ["TRACEWISE_ACME_JIRA_BASE_URL": server.baseURL, "TRACEWISE_ACME_JIRA_EMAIL": "ops@example.com",
                           "TRACEWISE_ACME_JIRA_API_TOKEN": "s3cret-jira-token"]

        try await ServerHarness.onEachStore(configure: { $0.connectorEnvironment = environment }) { harness in
            try await harness.test { client in
                func pull(_ body: String, key: String = "operator") async throws -> TestResponse {
                    try await client.execute(uri: "/tenants/acme/pulls", method: .post, headers: harness.headers(key), body: ByteBuffer(string: body))
                }
                func finished(_ id: String) async throws -> [String: Any] {
                    for _ in 0..<600 {
                        let status = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/pulls/\(id)", method: .get,
                                                                                     headers: harness.headers("viewer")))
                        if ["succeeded", "failed"].contains(status["status"] as? String) { return status }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    XCTFail("the pull did not finish")
                    return [:]
                }

                // The first window holds the issues updated in January's first nine days: OPS-1 … OPS-17.
                let accepted = try await pull(#"{"source":"jira","from":"2025-01-01","to":"2025-01-10","name":"Ops board"}"#)
                XCTAssertEqual(accepted.status, .accepted, String(buffer: accepted.body))
                let first = try await finished(try XCTUnwrap(ServerHarness.json(accepted)["id"] as? String))
                XCTAssertEqual(first["status"] as? String, "succeeded", "\(first)")
                let report = try XCTUnwrap(first["report"] as? [String: Any])
                XCTAssertEqual(report["records"] as? Int, 17)
                XCTAssertEqual(report["events"] as? Int, 17 * 3)
                let logID = try XCTUnwrap(first["logId"] as? String)
                let log = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/logs/\(logID)", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(log["name"] as? String, "Ops board")
                XCTAssertEqual(log["cases"] as? Int, 17)
                let analysisID = try XCTUnwrap(first["analysisId"] as? String)
                for _ in 0..<600 {
                    let status = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(analysisID)", method: .get,
                                                                                 headers: harness.headers("viewer")))
                    if status["status"] as? String == "succeeded" { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                let stats = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(analysisID)/stats", method: .get,
                                                                            headers: harness.headers("viewer")))
                XCTAssertEqual(stats["cases"] as? Int, 17)

                // The second pull continues from the stored cursor and stores the combined log.
                let resumed = try await pull(#"{"source":"jira","from":"2025-01-10","to":"2025-03-01","analyze":false}"#)
                let second = try await finished(try XCTUnwrap(ServerHarness.json(resumed)["id"] as? String))
                let secondReport = try XCTUnwrap(second["report"] as? [String: Any])
                XCTAssertEqual(secondReport["records"] as? Int, 23, "only the issues updated since the cursor")
                XCTAssertEqual(secondReport["cases"] as? Int, 40, "the log holds both pulls")
                XCTAssertNotNil(secondReport["cursorBefore"] as? [String: Any])
                XCTAssertNil(second["analysisId"])
                let listed = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/acme/pulls", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(listed.count, 2)

                // Bad requests, roles, tenants without settings, and no secret in any answer.
                try ServerHarness.assertProblem(try await pull(#"{"source":"jira","from":"yesterday","to":"2025-03-01"}"#), .unprocessableContent, "invalid-pull")
                try ServerHarness.assertProblem(try await pull(#"{"source":"jira","from":"2025-03-01","to":"2025-01-01"}"#), .unprocessableContent, "invalid-pull")
                try ServerHarness.assertProblem(try await pull(#"{"source":"xero","from":"2025-01-01","to":"2025-03-01"}"#), .conflict, "connector-not-configured")
                let forbidden = try await pull(#"{"source":"jira","from":"2025-01-01","to":"2025-03-01"}"#, key: "viewer")
                XCTAssertEqual(forbidden.status, .forbidden)
                let globex = try await client.execute(uri: "/tenants/globex/pulls", method: .post, headers: harness.headers("globex"),
                                                      body: ByteBuffer(string: #"{"source":"jira","from":"2025-01-01","to":"2025-03-01"}"#))
                try ServerHarness.assertProblem(globex, .conflict, "connector-not-configured")
                XCTAssertTrue(String(buffer: globex.body).contains("JIRA_BASE_URL"))
                let foreign = try await client.execute(uri: "/tenants/acme/pulls", method: .get, headers: harness.headers("globex"))
                XCTAssertEqual(foreign.status, .forbidden)
                let everything = [accepted.body, globex.body].map { String(buffer: $0) }.joined() + "\(first)\(second)\(listed)"
                XCTAssertFalse(everything.contains("s3cret-jira-token"))
            }
        }
        XCTAssertTrue(server.requests.allSatisfy { $0.method == "GET" }, "extraction is read-only")
    }
}
