import Foundation
import TracewiseTestSupport
import XCTest

/// `ocel stats`, `ocel dfg`, `ocel flatten`, `ocel convert` and `ocel validate`: the JSON contracts of
/// issue 18, checked against PM4Py's reference where one exists, and the exit codes.
final class OcelCLITests: XCTestCase {
    private func sample() throws -> String { try SharedData.require("datasets/ocel/ocel20_example.jsonocel").path }

    func testStatsMatchesTheContractAndPM4Py() throws {
        let run = try CLI.run(["ocel", "stats", try sample(), "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try run.object()
        XCTAssertEqual(Set(json.keys), ["events", "objects", "e2o", "o2o", "objectChanges", "activities", "objectTypes"])
        let reference = try SharedData.json("reference/ocel/ocel20_example.jsonocel.json")
        for (key, referenceKey) in [("events", "events"), ("objects", "objects"), ("e2o", "e2o"), ("o2o", "o2o"), ("objectChanges", "object_changes")] {
            XCTAssertEqual(json[key] as? Int, reference[referenceKey] as? Int, key)
        }
        XCTAssertEqual(json["activities"] as? [String: Int], reference["activities"] as? [String: Int])
        XCTAssertEqual(json["objectTypes"] as? [String: Int], reference["object_types"] as? [String: Int])
        let text = try CLI.run(["ocel", "stats", try sample(), "--format", "text"])
        XCTAssertTrue(text.stdout.hasPrefix("events: 13\n"), text.stdout)
        let missing = try CLI.run(["ocel", "stats", "/nonexistent.jsonocel"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("fileNotFound"), missing.stderr)
        XCTAssertEqual(try CLI.run(["ocel", "stats"]).status, 2)
    }

    func testDfgMatchesTheContractAndPM4Py() throws {
        let run = try CLI.run(["ocel", "dfg", try sample(), "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try run.object()
        XCTAssertEqual(Set(json.keys), ["objectTypes"])
        let types = try XCTUnwrap(json["objectTypes"] as? [String: [String: Any]])
        let reference = try SharedData.json("reference/ocel/ocel20_example.jsonocel.json")
        let expected = try XCTUnwrap(reference["ocdfg"] as? [String: [[Any]]])
        for (type, graph) in types {
            XCTAssertEqual(Set(graph.keys), ["edges", "startActivities", "endActivities"])
            let edges = try XCTUnwrap(graph["edges"] as? [[String: Any]])
            for edge in edges { XCTAssertEqual(Set(edge.keys), ["from", "to", "eventCouples", "uniqueObjects", "totalObjects"]) }
            let rows = Set(edges.map { "\($0["from"]!)|\($0["to"]!)|\($0["eventCouples"]!)|\($0["uniqueObjects"]!)|\($0["totalObjects"]!)" })
            let expectedRows = Set((expected[type] ?? []).map { $0.map { "\($0)" }.joined(separator: "|") })
            XCTAssertEqual(rows, expectedRows, type)
            XCTAssertEqual(graph["startActivities"] as? [String: Int], (reference["start_activities"] as? [String: [String: Int]])?[type] ?? [:], type)
        }
    }

    func testFlattenConvertAndValidate() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-ocel-cli-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let xes = scratch.appendingPathComponent("invoices.xes.gz").path
        let flatten = try CLI.run(["ocel", "flatten", try sample(), "--object-type", "Invoice", xes])
        XCTAssertEqual(flatten.status, 0, flatten.stderr)
        let stats = try CLI.run(["stats", xes, "--format", "json"]).object()
        XCTAssertEqual(stats["cases"] as? Int, 3)
        XCTAssertEqual(stats["events"] as? Int, 9)
        XCTAssertEqual(try CLI.run(["ocel", "flatten", try sample(), "--object-type", "Nope", xes]).status, 1)
        XCTAssertEqual(try CLI.run(["ocel", "flatten", try sample(), "--object-type", "Invoice", "out.csv"]).status, 2)

        let sqlite = scratch.appendingPathComponent("converted.sqlite").path
        let json = scratch.appendingPathComponent("back.jsonocel").path
        let svg = scratch.appendingPathComponent("ocdfg.svg").path
        XCTAssertEqual(try CLI.run(["ocel", "dfg", try sample(), "--svg", svg]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg"))
        XCTAssertEqual(try CLI.run(["ocel", "convert", try sample(), sqlite]).status, 0)
        XCTAssertEqual(try CLI.run(["ocel", "convert", sqlite, json]).status, 0)
        XCTAssertEqual(try CLI.run(["ocel", "stats", json]).stdout, try CLI.run(["ocel", "stats", try sample()]).stdout)
        XCTAssertEqual(try CLI.run(["ocel", "convert", try sample(), "out.txt"]).status, 2)

        let valid = try CLI.run(["ocel", "validate", try sample(), "--format", "json"])
        XCTAssertEqual(valid.status, 0, valid.stderr)
        XCTAssertEqual(try valid.object()["valid"] as? Bool, true)
        let broken = scratch.appendingPathComponent("broken.jsonocel")
        try Data(#"{"objectTypes":[{"name":"o","attributes":[]}],"eventTypes":[{"name":"a","attributes":[]}],"objects":[{"id":"x","type":"o"}],"events":[{"id":"e","type":"a","time":"2024-01-01T00:00:00Z","relationships":[{"objectId":"y","qualifier":""}]}]}"#.utf8).write(to: broken)
        let invalid = try CLI.run(["ocel", "validate", broken.path, "--format", "json"])
        XCTAssertEqual(invalid.status, 1)
        let report = try invalid.object()
        XCTAssertEqual(report["valid"] as? Bool, false)
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.first?["code"] as? String, "missingObject")
        XCTAssertTrue((findings.first?["location"] as? String ?? "").contains("/events/0/relationships/0"))
    }
}
