import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TracewiseServer
import XCTest

/// 401/403/429, problem+json, upload limits (413 for size, inflated size and gzip bombs), injection strings.
final class AuthAndLimitTests: XCTestCase {
    func testAuthenticationAndRoles() async throws {
        let harness = try await ServerHarness()
        try await harness.test { client in
            let health = try await client.execute(uri: "/health", method: .get)
            XCTAssertEqual(health.status, .ok)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            XCTAssertEqual(metrics.status, .ok)

            let missing = try await client.execute(uri: "/tenants/acme/logs", method: .get)
            try ServerHarness.assertProblem(missing, .unauthorized, "unauthenticated")
            XCTAssertEqual(missing.headers[.wwwAuthenticate], "Bearer realm=\"tracewise\"")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers("not-a-key")),
                                            .unauthorized, "invalid-api-key")
            let (unknown, _) = APIKeys.make(tenant: "acme", role: .admin)
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers(unknown)),
                                            .unauthorized, "invalid-api-key")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers("globex")),
                                            .forbidden, "tenant-forbidden")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs?name=a.xes", method: .post, headers: harness.headers("viewer"),
                                                                     body: ByteBuffer(string: "x")), .forbidden, "role-forbidden")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/keys", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(string: "{\"role\":\"admin\"}")), .forbidden, "role-forbidden")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/nothing-here", method: .get, headers: harness.headers("viewer")),
                                            .notFound, "not-found")

            // An admin makes a viewer key; it works, is listed without its secret, and stops working when deleted.
            let created = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/keys", method: .post, headers: harness.headers("admin"),
                                                                         body: ByteBuffer(string: "{\"role\":\"viewer\"}")))
            let key = try XCTUnwrap(created["key"] as? String)
            let keyID = try XCTUnwrap(created["id"] as? String)
            let response1 = try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers(key))
            XCTAssertEqual(response1.status, .ok)
            let listed = try await client.execute(uri: "/tenants/acme/keys", method: .get, headers: harness.headers("admin"))
            XCTAssertFalse(String(buffer: listed.body).contains(key), "key listings never show secrets")
            let response2 = try await client.execute(uri: "/tenants/acme/keys/\(keyID)", method: .delete, headers: harness.headers("admin"))
            XCTAssertEqual(response2.status, .noContent)
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers(key)),
                                            .unauthorized, "invalid-api-key")

            // Every write is in the tenant's audit chain, which verifies.
            let verify = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/audit/verify", method: .get, headers: harness.headers("viewer")))
            XCTAssertEqual(verify["valid"] as? Bool, true)
            let export = String(buffer: try await client.execute(uri: "/tenants/acme/audit/export", method: .get, headers: harness.headers("viewer")).body)
            XCTAssertTrue(export.contains("\"path\":\"/tenants/acme/keys\""), export)
            XCTAssertTrue(export.contains("\"code\":\"role-forbidden\""), "refused writes are audited too")
            XCTAssertEqual(export.split(separator: "\n").count, verify["records"] as? Int)
        }
    }

    func testRateLimitAnswers429WithRetryAfter() async throws {
        let harness = try await ServerHarness { $0.rateLimitBurst = 3; $0.rateLimitPerSecond = 0.01 }
        try await harness.test { client in
            for _ in 0..<3 {
                let allowed = try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers("viewer"))
                XCTAssertEqual(allowed.status, .ok)
            }
            let limited = try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers("viewer"))
            try ServerHarness.assertProblem(limited, .tooManyRequests, "rate-limited")
            let retry = try XCTUnwrap(limited.headers[.retryAfter].flatMap(Int.init))
            XCTAssertGreaterThanOrEqual(retry, 1)
            let response3 = try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers("admin"))
            XCTAssertEqual(response3.status, .ok,
                           "buckets are per key")
        }
    }

    func testUploadLimitsAndBadInput() async throws {
        let harness = try await ServerHarness { $0.maxUploadBytes = 64 * 1024; $0.maxInflateRatio = 50 }
        try await harness.test { client in
            let oversized = [UInt8](repeating: UInt8(ascii: "a"), count: 200 * 1024)
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs?name=big.xes", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(bytes: oversized)), .contentTooLarge, "log-too-large")
            // 40 MiB of zeros gzip to ~40 KiB: a ratio near 1000, far above the limit of 50.
            let bomb = try Self.gzip(zeros: 40 * 1024 * 1024)
            XCTAssertLessThan(bomb.count, 64 * 1024)
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs?name=bomb.xes.gz", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(bytes: bomb)), .contentTooLarge, "inflate-ratio-exceeded")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs?name=orders.pdf", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(string: "x")), .unsupportedMediaType, "unsupported-log-format")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(string: "x")), .badRequest, "invalid-name")
            let malformed = try await client.execute(uri: "/tenants/acme/logs?name=broken.xes", method: .post, headers: harness.headers("operator"),
                                                     body: ByteBuffer(string: "<log><trace><event></trace>"))
            try ServerHarness.assertProblem(malformed, .unprocessableContent, "invalid-log")
            let detail = try XCTUnwrap(try ServerHarness.json(malformed)["detail"] as? String)
            XCTAssertTrue(detail.hasPrefix("broken.xes"), "errors name the upload, not a server path: \(detail)")
            XCTAssertFalse(detail.contains("tracewise-upload"), detail)
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/logs?name=empty.csv", method: .post, headers: harness.headers("operator")),
                                            .badRequest, "empty-log")
        }
    }

    func testInjectionStringsAreRefusedOrInert() async throws {
        let harness = try await ServerHarness()
        let hostile = ["..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1%20--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a%00b", "%24%7Bjndi%3Aldap%7D",
                       "..", "x%0D%0ASet-Cookie%3A%20a%3D1"]
        try await harness.test { client in
            for text in hostile {
                for uri in ["/tenants/acme/logs/\(text)", "/tenants/acme/analyses/\(text)/stats", "/exceptions/acme/\(text)",
                            "/tenants/acme/packs/\(text)/versions", "/tenants/\(text)/logs"] {
                    let response = try await client.execute(uri: uri, method: .get, headers: harness.headers("admin"))
                    XCTAssertTrue([400, 403, 404].contains(Int(response.status.code)), "\(uri): \(response.status)")
                    XCTAssertEqual(response.headers[.contentType], "application/problem+json", uri)
                    XCTAssertNil(response.headers[.setCookie], uri)
                }
                let named = try await client.execute(uri: "/tenants/acme/logs?name=\(text).xes", method: .post, headers: harness.headers("operator"),
                                                     body: ByteBuffer(string: "<log/>"))
                XCTAssertTrue([201, 400, 415].contains(Int(named.status.code)), "name \(text): \(named.status)")
                if named.status == .created {
                    // Accepted names are inert display text: stored and returned verbatim, never used as a path.
                    let id = try XCTUnwrap(try ServerHarness.json(named)["id"] as? String)
                    XCTAssertTrue(id.hasPrefix("log-"))
                    let stored = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/logs/\(id)", method: .get, headers: harness.headers("viewer")))
                    XCTAssertEqual(stored["name"] as? String, (text.removingPercentEncoding ?? text) + ".xes")
                }
                let body = try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("operator"),
                                                    body: ByteBuffer(string: "{\"logId\":\"\(text.removingPercentEncoding ?? text)\"}"))
                XCTAssertTrue([400, 404].contains(Int(body.status.code)), "logId \(text): \(body.status)")
            }
        }
    }

    /// `count` zero bytes compressed by Debian's gzip.
    static func gzip(zeros count: Int) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-bomb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url); try? FileManager.default.removeItem(at: url.appendingPathExtension("gz")) }
        FileManager.default.createFile(atPath: url.path, contents: Data(count: count))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", url.path]
        try process.run()
        process.waitUntilExit()
        return Array(try Data(contentsOf: url.appendingPathExtension("gz")))
    }
}
