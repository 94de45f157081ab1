import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TracewiseServer
import TracewiseTestSupport
import XCTest

/// Every route, called by another tenant: with the victim's tenant in the path (403) and with its own tenant
/// but the victim's ids (404 or another refusal), never with the victim's data in the answer.
final class TenantIsolationTests: XCTestCase {
    func testEveryRouteRefusesAnotherTenantsData() async throws {
        try await ServerHarness.onEachStore { harness in
            let (bytes, _) = try ServerHarness.generatedLog(events: 600)
            let exceptions = Array(try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance/exceptions.json")))
            try await harness.test { client in
                try await ExceptionAndPackRouteTests.installFinance(client, harness)
                let logID = try await ServerHarness.upload(client, harness, bytes: bytes)
                let (analysisID, _) = try await ServerHarness.analyse(client, harness, logID: logID)
                let submitted = try ServerHarness.json(try await client.execute(uri: "/exceptions/acme", method: .post, headers: harness.headers("operator"),
                                                                               body: ByteBuffer(bytes: exceptions)))
                let exceptionID = try XCTUnwrap((submitted["accepted"] as? [[String: Any]])?.first?["exceptionId"] as? String)
                try await Task.sleep(for: .milliseconds(500))
                let keys = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/acme/keys", method: .get, headers: harness.headers("admin")))
                let keyID = try XCTUnwrap(keys.first?["id"] as? String)
                let values = ["logId": logID, "analysisId": analysisID, "exceptionId": exceptionID, "approvalId": "approval-\(exceptionID)",
                              "domain": "finance", "keyId": keyID, "role": "coo"]
                let markers = [logID, analysisID, exceptionID, keyID]
                let bodies: [String: String] = [
                    "/tenants/{tenant}/analyses": "{\"logId\":\"\(logID)\"}",
                    "/tenants/{tenant}/keys": "{\"role\":\"admin\"}",
                    "/tenants/{tenant}/packs/{domain}/activate": "{\"domainVersion\":\"1.0.0\",\"policyVersion\":\"1.0.0\"}",
                    "/exceptions/{tenantId}/approvals/{approvalId}/decision": "{\"decision\":\"approve\",\"user\":\"mallory\"}",
                    "/exceptions/{tenantId}": String(decoding: exceptions, as: UTF8.self),
                    "/run": "{\"tenantId\":\"acme\",\"exceptions\":[]}",
                ]
                var checked = 0
                // `/me` takes no tenant or id: it names the caller's own tenant and role.
                for route in harness.routes where route.path != "/health" && route.path != "/metrics" && route.path != "/me" {
                    let method = HTTPRequest.Method(route.method)!
                    let body = bodies[route.path].map { ByteBuffer(string: $0) }
                    for tenant in ["acme", "globex"] {
                        var uri = route.path.replacingOccurrences(of: "{tenant}", with: tenant).replacingOccurrences(of: "{tenantId}", with: tenant)
                        for (name, value) in values { uri = uri.replacingOccurrences(of: "{\(name)}", with: value) }
                        if route.path == "/tenants/{tenant}/logs", method == .post { uri += "?name=other.xes" }
                        if route.path.hasSuffix("/drift") { uri += "?against=\(logID)" }
                        if route.path.hasSuffix("/diff") { uri += "?kind=policy&from=1.0.0&to=1.0.0" }
                        let response = try await client.execute(uri: uri, method: method, headers: harness.headers("globex"), body: body)
                        let text = String(buffer: response.body)
                        if tenant == "acme" || route.path == "/run" {
                            XCTAssertEqual(response.status, .forbidden, "\(route.method) \(uri): \(text)")
                        } else if route.path.filter({ $0 == "{" }).count >= 2 {
                            XCTAssertTrue((400..<500).contains(Int(response.status.code)), "\(route.method) \(uri): \(response.status) \(text)")
                        }
                        // The caller's own audit export echoes the paths it tried (its refused attempts are audited too).
                        if response.status.code < 300, route.path != "/tenants/{tenant}/audit/export" {
                            for marker in markers { XCTAssertFalse(text.contains(marker), "\(route.method) \(uri) leaked \(marker): \(text)") }
                        }
                        checked += 1
                    }
                }
                XCTAssertEqual(checked, (harness.routes.count - 3) * 2)
                // The victim's data is untouched.
                let logs = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(logs.map { $0["id"] as? String }, [logID])
            }
        }
    }
}
