import Discovery
import EventLog
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TracewiseServer
import XCTest

/// Upload → analysis job → every result route, with stats and DFG byte-equal to the CLI's JSON.
final class AnalysisRouteTests: XCTestCase {
    func testUploadAnalyseAndReadEveryResult() async throws {
        try await ServerHarness.onEachStore { harness in
            let (bytes, log) = try ServerHarness.generatedLog()
            try await harness.test { client in
                let logID = try await ServerHarness.upload(client, harness, bytes: bytes)
                let listed = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/acme/logs", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(listed.map { $0["id"] as? String }, [logID])
                XCTAssertEqual(listed.first?["events"] as? Int, log.eventCount)
                XCTAssertEqual(listed.first?["name"] as? String, "orders.xes.gz")

                let fingerprint = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/logs/\(logID)/fingerprint", method: .get,
                                                                                 headers: harness.headers("viewer")))
                XCTAssertEqual(fingerprint["fingerprint"] as? String, SchemaFingerprint(log).value)

                let (id, status) = try await ServerHarness.analyse(client, harness, logID: logID)
                XCTAssertEqual(status["status"] as? String, "succeeded", "\(status)")
                XCTAssertEqual((status["progress"] as? [String: Any])?["fraction"] as? Double, 1)
                XCTAssertEqual(status["logName"] as? String, "orders.xes.gz", "the status names the log as uploaded")

                let stats = try await client.execute(uri: "/tenants/acme/analyses/\(id)/stats", method: .get, headers: harness.headers("viewer"))
                XCTAssertEqual(stats.status, .ok)
                XCTAssertEqual(Array(stats.body.readableBytesView), Array(try ReportJSON.encode(StatisticsSummary(LogStatistics(log)))))
                let dfg = try await client.execute(uri: "/tenants/acme/analyses/\(id)/dfg", method: .get, headers: harness.headers("viewer"))
                XCTAssertEqual(Array(dfg.body.readableBytesView), Array(try ReportJSON.encode(DirectlyFollowsSummary(log))))

                let page = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(id)/variants?offset=1&limit=2", method: .get,
                                                                          headers: harness.headers("viewer")))
                XCTAssertEqual(page["total"] as? Int, LogStatistics(log).variants.count)
                XCTAssertEqual((page["variants"] as? [Any])?.count, min(2, LogStatistics(log).variants.count - 1))

                for (path, type) in [("map.svg", "image/svg+xml"), ("map.svg?activities=50&paths=10", "image/svg+xml"), ("tree", "application/json"),
                                     ("tree.ptml", "application/xml"), ("net.pnml", "application/xml"), ("model.bpmn", "application/xml"),
                                     ("conformance", "application/json"), ("drivers", "application/json"), ("counterfactuals", "application/json"),
                                     ("narratives", "application/json"),
                                     ("narratives/coo", "application/json"), ("report.html", "text/html; charset=utf-8"), ("provenance", "application/json")] {
                    let response = try await client.execute(uri: "/tenants/acme/analyses/\(id)/\(path)", method: .get, headers: harness.headers("viewer"))
                    XCTAssertEqual(response.status, .ok, "\(path): \(String(buffer: response.body))")
                    XCTAssertEqual(response.headers[.contentType], type, path)
                    XCTAssertGreaterThan(response.body.readableBytes, 20, path)
                }
                let full = try await client.execute(uri: "/tenants/acme/analyses/\(id)/map.svg", method: .get, headers: harness.headers("viewer"))
                let reduced = try await client.execute(uri: "/tenants/acme/analyses/\(id)/map.svg?activities=30&paths=5", method: .get, headers: harness.headers("viewer"))
                XCTAssertLessThan(reduced.body.readableBytes, full.body.readableBytes, "the sliders simplify the map")
                let coo = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(id)/narratives/coo", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(coo["role"] as? String, "coo")
                try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses/\(id)/narratives/cto", method: .get,
                                                                         headers: harness.headers("viewer")), .notFound, "not-found")
                try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses/\(id)/variants?limit=0", method: .get,
                                                                         headers: harness.headers("viewer")), .badRequest, "invalid-query")
                try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses/\(id)/map.svg?paths=101", method: .get,
                                                                         headers: harness.headers("viewer")), .badRequest, "invalid-query")
                let provenance = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(id)/provenance", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(provenance["logFingerprint"] as? String, SchemaFingerprint(log).value)

                // A finished analysis cannot be cancelled; listing shows it.
                try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses/\(id)", method: .delete, headers: harness.headers("operator")),
                                                .conflict, "analysis-finished")
                let all = try ServerHarness.jsonArray(try await client.execute(uri: "/tenants/acme/analyses?logId=\(logID)", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(all.map { $0["id"] as? String }, [id])

                // Deleting the log removes it and its results.
                let deleted = try await client.execute(uri: "/tenants/acme/logs/\(logID)", method: .delete, headers: harness.headers("operator"))
                XCTAssertEqual(deleted.status, .noContent)
                try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses/\(id)/stats", method: .get, headers: harness.headers("viewer")),
                                                .notFound, "not-found")
                try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses/\(id)/variants", method: .get, headers: harness.headers("viewer")),
                                                .notFound, "not-found")
            }
        }
    }

    func testAnalysisErrorsAndCancellation() async throws {
        let harness = try await ServerHarness()
        let (bytes, _) = try ServerHarness.generatedLog(events: 20_000)
        try await harness.test { client in
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(string: "{\"logId\":\"log-missing\"}")), .notFound, "not-found")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(string: "{\"log\":1}")), .badRequest, "invalid-json")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("viewer"),
                                                                     body: ByteBuffer(string: "{\"logId\":\"x\"}")), .forbidden, "role-forbidden")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses/log-x.a00", method: .get, headers: harness.headers("viewer")),
                                            .notFound, "not-found")
            let logID = try await ServerHarness.upload(client, harness, bytes: bytes)
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("operator"),
                                                                     body: ByteBuffer(string: "{\"logId\":\"\(logID)\",\"noise\":2}")),
                                            .unprocessableContent, "invalid-options")
            let submitted = try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("operator"),
                                                     body: ByteBuffer(string: "{\"logId\":\"\(logID)\"}"))
            let id = try XCTUnwrap(ServerHarness.json(submitted)["id"] as? String)
            let cancelled = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(id)", method: .delete, headers: harness.headers("operator")))
            XCTAssertEqual(cancelled["status"] as? String, "cancelled")
            for _ in 0..<50 {
                let status = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(id)", method: .get, headers: harness.headers("viewer")))
                XCTAssertEqual(status["status"] as? String, "cancelled", "a cancelled job never runs on or succeeds")
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
