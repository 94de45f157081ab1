import Foundation
import XCTest

/// `discover`, `net`, `map` and `report`: the models and pages they write, their JSON summaries and exit codes.
final class ModelCommandsCLITests: XCTestCase {
    func testDiscoverPrintsTheTreeAndWritesEveryModelFormat() throws {
        let fixtures = try CLIFixtures.shared()
        let bpmn = fixtures.path("d.bpmn"), ptml = fixtures.path("d.ptml"), pnml = fixtures.path("d.pnml")
        let discovered = try CLI.run(["discover", fixtures.log, "--miner", "imf", "--bpmn", bpmn, "--ptml", ptml, "--pnml", pnml])
        XCTAssertEqual(discovered.status, 0, discovered.stderr)
        XCTAssertTrue(discovered.stdout.hasPrefix("->("), discovered.stdout)
        let xml = try String(contentsOfFile: bpmn, encoding: .utf8)
        XCTAssertTrue(xml.contains("<definitions"), xml)
        XCTAssertTrue(xml.contains("<task id="), xml)
        XCTAssertTrue(xml.contains("name=\"Ship Goods\""), xml)
        XCTAssertTrue(try String(contentsOfFile: ptml, encoding: .utf8).contains("<processTree"))
        XCTAssertTrue(try String(contentsOfFile: pnml, encoding: .utf8).contains("<pnml"))
        let alpha = try CLI.run(["discover", fixtures.log, "--miner", "alpha"])
        XCTAssertEqual(alpha.status, 0, alpha.stderr)
        XCTAssertTrue(alpha.stdout.hasPrefix("places: "), alpha.stdout)
        XCTAssertEqual(try CLI.run(["discover", fixtures.missing]).status, 1)
        let usage = try CLI.run(["discover", fixtures.log, "--miner", "alpha", "--bpmn", bpmn])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("--bpmn needs a tree miner"), usage.stderr)
    }

    func testNet() throws {
        let fixtures = try CLIFixtures.shared()
        let svg = fixtures.path("net.svg")
        let net = try CLI.run(["net", fixtures.net, "--svg", svg])
        XCTAssertEqual(net.status, 0, net.stderr)
        let json = try net.object()
        XCTAssertEqual(Set(json.keys), [
            "places", "transitions", "silentTransitions", "arcs", "initialMarking", "finalMarking",
            "finalMarkingInferred", "workflowNet", "workflowNetViolations", "soundness", "reachability",
            "statesExplored", "optionToComplete", "properCompletion", "deadTransitions", "problems",
        ])
        XCTAssertEqual(json["soundness"] as? String, "sound")
        XCTAssertTrue(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))
        let text = try CLI.run(["net", fixtures.net, "--format", "text"])
        XCTAssertTrue(text.stdout.hasPrefix("places: \(json["places"] as? Int ?? -1), "), text.stdout)
        XCTAssertTrue(text.stdout.contains("soundness: sound"), text.stdout)
        XCTAssertEqual(try CLI.run(["net", fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["net", fixtures.net, "--state-limit", "0"]).status, 2)
    }

    func testMap() throws {
        let fixtures = try CLIFixtures.shared()
        let svg = fixtures.path("map.svg"), dot = fixtures.path("map.dot")
        let map = try CLI.run(["map", fixtures.log, "--svg", svg, "--dot", dot, "--paths", "50"])
        XCTAssertEqual(map.status, 0, map.stderr)
        let json = try map.object()
        XCTAssertEqual(Set(json.keys), ["activities", "totalActivities", "paths", "totalPaths", "cases"])
        XCTAssertLessThanOrEqual(json["paths"] as? Int ?? .max, json["totalPaths"] as? Int ?? 0)
        XCTAssertTrue(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))
        XCTAssertTrue(try String(contentsOfFile: dot, encoding: .utf8).hasPrefix("digraph"))
        let text = try CLI.run(["map", fixtures.log, "--svg", svg, "--format", "text"])
        XCTAssertTrue(text.stdout.hasSuffix(" cases\n"), text.stdout)
        XCTAssertEqual(try CLI.run(["map", fixtures.missing, "--svg", svg]).status, 1)
        XCTAssertEqual(try CLI.run(["map", fixtures.log]).status, 2)
    }

    func testReport() throws {
        let fixtures = try CLIFixtures.shared()
        let html = fixtures.path("report.html")
        let report = try CLI.run(["report", fixtures.log, "--html", html, "--sla", "86400"])
        XCTAssertEqual(report.status, 0, report.stderr)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"), String(page.prefix(80)))
        XCTAssertTrue(page.contains("<svg"), "the report embeds the process map")
        XCTAssertEqual(try CLI.run(["report", fixtures.log, "--html", "/nonexistent/directory/r.html"]).status, 1)
        XCTAssertEqual(try CLI.run(["report", fixtures.log]).status, 2)
    }
}
