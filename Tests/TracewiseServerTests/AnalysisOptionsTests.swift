import Conformance
import Discovery
import EventLog
import Explain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TracewiseServer
import TracewiseTestSupport
import XCTest

/// The analysis options (miner, conformance check, explain target, filters) on a real log from ../shared: every
/// result equals what the library computes on the same filtered log, the provenance records the filters and
/// options, and the counterfactuals are Explain's what-if of the slowest cases.
final class AnalysisOptionsTests: XCTestCase {
    func testOptionsAndFiltersOnTheReceiptLogEqualTheLibrary() async throws {
        let url = try SharedData.require("datasets/08_receipt.xes.gz")
        let bytes = Array(try Data(contentsOf: url))
        let log = try EventLog(contentsOf: url)
        let activity = "T04 Determine confirmation of receipt"
        let from = "2011-01-01T00:00:00Z", to = "2011-12-31T23:59:59Z"
        let expected = log.filteringTimeRange(from: try XCTUnwrap(Timestamp(iso8601: from)), to: try XCTUnwrap(Timestamp(iso8601: to)), mode: .intersecting)
            .filteringAttribute("channel", values: [.string("Desk"), .string("Post")], scope: .trace, keep: true)
        XCTAssertGreaterThan(expected.caseCount, 50)
        XCTAssertLessThan(expected.caseCount, log.caseCount / 2, "the filters select a real subset")

        let harness = try await ServerHarness()
        try await harness.test { client in
            let logID = try await ServerHarness.upload(client, harness, bytes: bytes, name: "receipt.xes.gz")

            // What the filter card offers: the channel values with their case counts, as the log has them.
            let attributes = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/logs/\(logID)/attributes", method: .get,
                                                                             headers: harness.headers("viewer")))
            let channel = try XCTUnwrap((attributes["attributes"] as? [[String: Any]])?.first { $0["key"] as? String == "channel" })
            XCTAssertEqual(channel["scope"] as? String, "trace")
            let column = try XCTUnwrap(log.traceAttributes.column("channel"))
            let desk = (0..<log.caseCount).filter { column[$0] == .string("Desk") }.count
            XCTAssertEqual((channel["values"] as? [[String: Any]])?.first { $0["value"] as? String == "Desk" }?["cases"] as? Int, desk)
            XCTAssertEqual(attributes["cases"] as? Int, log.caseCount)

            let body = """
                {"logId":"\(logID)","miner":"im","conformance":"alignments","explainTarget":"waiting:\(activity)",
                 "filters":{"timeRange":{"from":"\(from)","to":"\(to)","mode":"intersecting"},
                            "attributes":[{"key":"channel","values":["Desk","Post"]}]}}
                """
            let (id, status) = try await Self.analyse(client, harness, body: body)
            XCTAssertEqual(status["status"] as? String, "succeeded", "\(status)")
            XCTAssertEqual(status["logName"] as? String, "receipt.xes.gz", "the status names the log as uploaded")
            func get(_ path: String) async throws -> TestResponse {
                let response = try await client.execute(uri: "/tenants/acme/analyses/\(id)/\(path)", method: .get, headers: harness.headers("viewer"))
                XCTAssertEqual(response.status, .ok, "\(path): \(String(buffer: response.body))")
                return response
            }

            // Statistics and DFG of exactly the filtered log.
            let (stats, dfg, map) = (try await get("stats"), try await get("dfg"), try ServerHarness.json(try await get("map")))
            XCTAssertEqual(Array(stats.body.readableBytesView), Array(try ReportJSON.encode(StatisticsSummary(LogStatistics(expected)))))
            XCTAssertEqual(Array(dfg.body.readableBytesView), Array(try ReportJSON.encode(DirectlyFollowsSummary(expected))))
            XCTAssertEqual(map["cases"] as? Int, expected.caseCount, "the map's sliders work on the filtered log")

            // The miner and the conformance check chosen.
            let tree = InductiveMiner().discover(from: expected)
            let treeBody = try ServerHarness.json(try await get("tree"))
            XCTAssertEqual(treeBody["tree"] as? String, tree.pm4pyText)
            XCTAssertEqual(treeBody["miner"] as? String, "im")
            let aligned = try await Alignments(stateLimit: 1_000_000, timeLimit: .seconds(5)).align(expected, on: tree.petriNet)
            let conformance = try ServerHarness.json(try await get("conformance"))
            XCTAssertEqual(conformance["method"] as? String, "alignments")
            XCTAssertEqual(conformance["unfinishedVariants"] as? Int, aligned.unfinishedVariants.count)
            XCTAssertEqual(try XCTUnwrap(conformance["logFitness"] as? Double), aligned.logFitness, accuracy: 1e-12)
            let deviating = try XCTUnwrap(conformance["deviatingVariants"] as? [[String: Any]])
            XCTAssertEqual(deviating.count, min(50, aligned.variants.filter { ($0.alignment?.fitness ?? 1) < 1 }.count))
            XCTAssertTrue(deviating.allSatisfy { !($0["moves"] as? [String] ?? []).isEmpty }, "every deviating variant names its moves")

            // Drivers and counterfactuals of the waiting before the activity, as Explain computes them.
            let drivers = try DriverAnalysis(log: expected, target: .waitingBefore(activity: activity))
            let driversBody = try ServerHarness.json(try await get("drivers"))
            XCTAssertEqual(driversBody["target"] as? String, "waiting_hours[\(activity)]")
            XCTAssertEqual((driversBody["globalDrivers"] as? [[String: Any]])?.first?["feature"] as? String, drivers.global.drivers.first?.feature)
            let counterfactuals = try ServerHarness.json(try await get("counterfactuals"))
            XCTAssertEqual(counterfactuals["target"] as? String, "waiting_hours[\(activity)]")
            XCTAssertEqual(counterfactuals["unit"] as? String, "hours")
            let predictions = drivers.model.predict(drivers.dataset.features).sorted()
            let median = predictions[predictions.count / 2]
            XCTAssertEqual(try XCTUnwrap(counterfactuals["threshold"] as? Double), median, accuracy: 1e-9)
            let cases = try XCTUnwrap(counterfactuals["cases"] as? [[String: Any]])
            let slowest = drivers.slowestRows(5)
            XCTAssertEqual(cases.map { $0["caseID"] as? String }, slowest.map { drivers.dataset.features.caseIDs[$0] })
            let actionable = try XCTUnwrap(counterfactuals["actionable"] as? [String])
            let search = CounterfactualSearch(model: drivers.model, reference: drivers.dataset.features, actionable: actionable)
            for (row, served) in zip(slowest, cases) {
                let library = search.smallestChange(row: drivers.dataset.features.row(row), caseID: drivers.dataset.features.caseIDs[row], below: median)
                XCTAssertEqual(try XCTUnwrap(served["prediction"] as? Double), library.prediction, accuracy: 1e-9)
                XCTAssertEqual((served["changes"] as? [[String: Any]])?.map { $0["feature"] as? String }, library.changes.map(\.feature))
            }
            XCTAssertTrue(cases.contains { ($0["changes"] as? [Any])?.isEmpty == false }, "some slow case has a change that helps")

            // Provenance: the source, each filter with the cases it kept, and the options.
            let provenance = try ServerHarness.json(try await get("provenance"))
            let steps = try XCTUnwrap((provenance["provenance"] as? [String: Any])?["steps"] as? [[String: Any]])
            XCTAssertEqual(steps.suffix(2).map { $0["name"] as? String }, ["filterTimeRange", "filterAttribute"])
            XCTAssertEqual(steps.last?["casesAfter"] as? Int, expected.caseCount)
            XCTAssertEqual(steps.suffix(2).first?["casesBefore"] as? Int, log.caseCount)
            let options = try XCTUnwrap(provenance["options"] as? [String: Any])
            XCTAssertEqual(options["miner"] as? String, "im")
            XCTAssertEqual(options["conformance"] as? String, "alignments")
            XCTAssertEqual(options["explainTarget"] as? String, "waiting:\(activity)")
            XCTAssertEqual(((options["filters"] as? [String: Any])?["attributes"] as? [[String: Any]])?.first?["values"] as? [String], ["Desk", "Post"])

            // The same log without filters is another analysis with other results.
            let (whole, _) = try await Self.analyse(client, harness, body: "{\"logId\":\"\(logID)\"}")
            let wholeStats = try await client.execute(uri: "/tenants/acme/analyses/\(whole)/stats", method: .get, headers: harness.headers("viewer"))
            XCTAssertEqual(Array(wholeStats.body.readableBytesView), Array(try ReportJSON.encode(StatisticsSummary(LogStatistics(log)))))
        }
    }

    func testNetMinersInvalidOptionsAndEmptySelections() async throws {
        let harness = try await ServerHarness()
        let (bytes, log) = try ServerHarness.generatedLog(events: 1_500)
        try await harness.test { client in
            let logID = try await ServerHarness.upload(client, harness, bytes: bytes)
            let (id, status) = try await Self.analyse(client, harness, body: "{\"logId\":\"\(logID)\",\"miner\":\"heuristics\"}")
            XCTAssertEqual(status["status"] as? String, "succeeded", "\(status)")
            let results = try XCTUnwrap(status["results"] as? [String])
            XCTAssertTrue(results.contains("net") && results.contains("counterfactuals"), "\(results)")
            XCTAssertFalse(results.contains("tree") || results.contains("bpmn"), "a net miner has no tree: \(results)")
            try ServerHarness.assertProblem(try await client.execute(uri: "/tenants/acme/analyses/\(id)/tree", method: .get, headers: harness.headers("viewer")),
                                            .notFound, "not-found")
            let pnml = try await client.execute(uri: "/tenants/acme/analyses/\(id)/net.pnml", method: .get, headers: harness.headers("viewer"))
            XCTAssertEqual(String(buffer: pnml.body), PNMLWriter().string(for: HeuristicsMiner().discover(from: log)))
            let conformance = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(id)/conformance", method: .get,
                                                                              headers: harness.headers("viewer")))
            XCTAssertEqual(conformance["method"] as? String, "token-replay")
            XCTAssertEqual(try XCTUnwrap(conformance["logFitness"] as? Double),
                           try TokenReplay().replay(log, on: HeuristicsMiner().discover(from: log)).logFitness, accuracy: 1e-12)

            func refused(_ body: String, _ status: HTTPResponse.Status, _ code: String, pointer: String? = nil,
                         line: UInt = #line) async throws {
                let response = try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("operator"),
                                                        body: ByteBuffer(string: body))
                try ServerHarness.assertProblem(response, status, code, line: line)
                if let pointer {
                    let errors = try ServerHarness.json(response)["errors"] as? [[String: Any]] ?? []
                    XCTAssertTrue(errors.contains { $0["pointer"] as? String == pointer }, "\(errors)", line: line)
                }
            }
            try await refused("{\"logId\":\"\(logID)\",\"miner\":\"magic\"}", .badRequest, "invalid-json")
            try await refused("{\"logId\":\"\(logID)\",\"conformance\":\"guess\"}", .badRequest, "invalid-json")
            try await refused("{\"logId\":\"\(logID)\",\"explainTarget\":\"speed\"}", .badRequest, "invalid-json")
            try await refused("{\"logId\":\"\(logID)\",\"explainTarget\":\"sla\"}", .unprocessableContent, "invalid-options", pointer: "/slaSeconds")
            try await refused("{\"logId\":\"\(logID)\",\"explainTarget\":\"waiting:'; DROP TABLE logs;--\"}", .unprocessableContent, "invalid-options",
                              pointer: "/explainTarget")
            try await refused("{\"logId\":\"\(logID)\",\"filters\":{\"timeRange\":{\"from\":\"yesterday\",\"to\":\"2020-01-01T00:00:00Z\"}}}",
                              .unprocessableContent, "invalid-filters", pointer: "/filters/timeRange/from")
            try await refused("{\"logId\":\"\(logID)\",\"filters\":{\"attributes\":[{\"key\":\"region\",\"values\":[]}]}}",
                              .unprocessableContent, "invalid-filters", pointer: "/filters/attributes/0/values")

            // Filters that leave no case: the job fails and says why.
            let (_, empty) = try await Self.analyse(client, harness, body: """
                {"logId":"\(logID)","filters":{"attributes":[{"key":"region","values":["Atlantis"]}]}}
                """)
            XCTAssertEqual(empty["status"] as? String, "failed")
            XCTAssertEqual(empty["error"] as? String, "the filters leave no case to analyse")

            // An SLA target explains breaches in log-odds, with even odds as the threshold.
            let (sla, slaStatus) = try await Self.analyse(client, harness, body: "{\"logId\":\"\(logID)\",\"explainTarget\":\"sla\",\"slaSeconds\":604800}")
            XCTAssertEqual(slaStatus["status"] as? String, "succeeded", "\(slaStatus)")
            let counterfactuals = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(sla)/counterfactuals", method: .get,
                                                                                  headers: harness.headers("viewer")))
            XCTAssertEqual(counterfactuals["unit"] as? String, "log-odds")
            XCTAssertEqual(counterfactuals["threshold"] as? Double, 0)
            XCTAssertEqual(counterfactuals["target"] as? String, "sla_breach[604800s]")
        }
    }

    /// Submits `body` and waits until the analysis is final; returns its id and final status.
    static func analyse(_ client: any TestClientProtocol, _ harness: ServerHarness, body: String) async throws -> (String, [String: Any]) {
        let submitted = try await client.execute(uri: "/tenants/acme/analyses", method: .post, headers: harness.headers("operator"),
                                                 body: ByteBuffer(string: body))
        XCTAssertEqual(submitted.status, .accepted, String(buffer: submitted.body))
        let id = try XCTUnwrap(ServerHarness.json(submitted)["id"] as? String)
        for _ in 0..<3_000 {
            let status = try ServerHarness.json(try await client.execute(uri: "/tenants/acme/analyses/\(id)", method: .get, headers: harness.headers("viewer")))
            if let state = status["status"] as? String, ["succeeded", "failed", "cancelled"].contains(state) { return (id, status) }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("the analysis did not finish in 300 s")
        return (id, [:])
    }
}
