import Foundation
import XCTest

/// The shared log-input options (`LogOptions`): CSV column mapping, CSV event order, `--lenient` with its
/// report on stderr, and the PM4Py view every analysis command reads (issue 19).
final class LogInputCLITests: XCTestCase {
    /// A CSV with its own column names, rows of case 1 written in start-time order (b starts first but ends last).
    private static let renamedCSV = """
        Case;Task;Begin;End;Who
        1;a;05/01/2026 09:00;05/01/2026 09:10;ann
        1;b;05/01/2026 09:20;05/01/2026 10:30;bob
        1;c;05/01/2026 09:30;05/01/2026 09:40;ann
        2;a;05/01/2026 11:00;05/01/2026 11:10;ann
        2;c;05/01/2026 11:20;05/01/2026 11:30;bob

        """

    private func variants(_ run: CLI.Run) throws -> [[String]] {
        try XCTUnwrap(try run.object()["variants"] as? [[String: Any]]).map { $0["activities"] as? [String] ?? [] }
    }

    func testCSVColumnMappingWorksOnEveryCommandThatReadsALog() throws {
        let fixtures = try CLIFixtures.shared()
        let csv = fixtures.path("renamed-columns.csv")
        try Data(Self.renamedCSV.utf8).write(to: URL(fileURLWithPath: csv))
        let mapping = ["--case-column", "Case", "--activity-column", "Task", "--timestamp-column", "End",
                       "--start-timestamp-column", "Begin", "--resource-column", "Who",
                       "--timestamp-format", "dd/MM/yyyy HH:mm"]

        let stats = try CLI.run(["stats", csv, "--format", "json"] + mapping)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertEqual(try stats.object()["events"] as? Int, 5)
        // Sorted by the mapped (completion) timestamp, as format_dataframe does: case 1 is a, c, b.
        XCTAssertEqual(Set(try variants(stats)), [["a", "c", "b"], ["a", "c"]])
        let fileOrder = try CLI.run(["stats", csv, "--format", "json", "--file-order"] + mapping)
        XCTAssertEqual(Set(try variants(fileOrder)), [["a", "b", "c"], ["a", "c"]])

        // The graph orders this interval log by start, then completion: a, b, c.
        let dfg = try CLI.run(["dfg", csv, "--format", "json"] + mapping)
        XCTAssertEqual(dfg.status, 0, dfg.stderr)
        let edges = try XCTUnwrap(try dfg.object()["edges"] as? [[String: Any]]).map { "\($0["from"]!)>\($0["to"]!)" }
        XCTAssertEqual(Set(edges), ["a>b", "b>c", "a>c"])
        XCTAssertEqual(try dfg.object()["startActivities"] as? [String: Int], ["a": 2])

        for command in [["discover"], ["map", "--dot", fixtures.path("renamed.dot")], ["fingerprint"]] {
            let run = try CLI.run([command[0], csv] + command.dropFirst() + mapping)
            XCTAssertEqual(run.status, 0, "\(command): \(run.stderr)")
        }
        let unmapped = try CLI.run(["stats", csv])
        XCTAssertEqual(unmapped.status, 1)
        XCTAssertTrue(unmapped.stderr.contains("missingColumn"), unmapped.stderr)
        let xesWithCSVOptions = try CLI.run(["stats", fixtures.path("renamed.xes"), "--case-column", "Case"])
        XCTAssertEqual(xesWithCSVOptions.status, 2)
    }

    func testLenientReadsAnOddXESAndReportsEachCoercionOnStderr() throws {
        let fixtures = try CLIFixtures.shared()
        let xes = fixtures.path("odd.xes")
        try Data("""
            <log>
            <trace><string key="concept:name" value="1"/>
            <event><string key="concept:name" value="a"/><int key="n" value="0.0"/></event>
            <event><string key="concept:name" value="b"/><boolean key="ok" value="yes"/></event>
            </trace>
            </log>

            """.utf8).write(to: URL(fileURLWithPath: xes))
        let strict = try CLI.run(["stats", xes, "--format", "json"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("line 3"), strict.stderr)
        let lenient = try CLI.run(["stats", xes, "--format", "json", "--lenient"])
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertEqual(try lenient.object()["events"] as? Int, 2)
        XCTAssertTrue(lenient.stderr.contains("coerced int attribute 'n' to int 0"), lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("line 3, column"), lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("coerced boolean attribute 'ok' to boolean true"), lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("line 4, column"), lenient.stderr)
    }

    /// An event without `concept:name` and an empty trace: every analysis command leaves both out (noting it on
    /// stderr), `convert` keeps them.
    func testStatsAndDfgAgreeOnEventsWithoutActivityAndEmptyTraces() throws {
        let fixtures = try CLIFixtures.shared()
        let xes = fixtures.path("gaps.xes")
        try Data("""
            <log>
            <trace><string key="concept:name" value="1"/>
            <event><string key="concept:name" value="a"/></event><event><string key="org:resource" value="x"/></event>
            <event><string key="concept:name" value="b"/></event></trace>
            <trace><string key="concept:name" value="2"/></trace>
            </log>

            """.utf8).write(to: URL(fileURLWithPath: xes))
        let stats = try CLI.run(["stats", xes, "--format", "json"])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertEqual(try stats.object()["cases"] as? Int, 1)
        XCTAssertEqual(try stats.object()["events"] as? Int, 2)
        XCTAssertTrue(stats.stderr.contains("left out 1 events without an activity"), stats.stderr)
        let dfg = try CLI.run(["dfg", xes, "--format", "json"])
        XCTAssertEqual(try dfg.object()["startActivities"] as? [String: Int], try stats.object()["startActivities"] as? [String: Int])
        XCTAssertEqual(try XCTUnwrap(try dfg.object()["edges"] as? [[String: Any]]).count, 1)
        let copy = fixtures.path("gaps-copy.xes")
        XCTAssertEqual(try CLI.run(["convert", xes, copy]).status, 0)
        XCTAssertTrue(try CLI.run(["convert", xes, copy]).stdout.contains("2 cases, 3 events"))
    }
}

/// `--timings`: one JSON line on stderr with the three phases, nothing without the flag.
final class TimingsCLITests: XCTestCase {
    func testTimingsPrintOneJSONLineOnStderr() throws {
        let fixtures = try CLIFixtures.shared()
        for command in [["stats", fixtures.log, "--format", "json"], ["discover", fixtures.log],
                        ["explain", fixtures.log, "--format", "json"], ["report", fixtures.log, "--html", fixtures.path("timed.html")],
                        ["generate", "--events", "200", fixtures.path("timed.xes")]] {
            let plain = try CLI.run(command)
            XCTAssertEqual(plain.status, 0, plain.stderr)
            XCTAssertFalse(plain.stderr.contains("timings"), plain.stderr)
            let timed = try CLI.run(command + ["--timings"])
            XCTAssertEqual(timed.status, 0, timed.stderr)
            XCTAssertEqual(timed.stdout, plain.stdout, "\(command[0]): stdout is unchanged")
            let line = try XCTUnwrap(timed.stderr.split(separator: "\n").last { $0.contains("timings") }, timed.stderr)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(Array(object.keys), ["timings"])
            let phases = try XCTUnwrap(object["timings"] as? [String: Double], String(line))
            XCTAssertEqual(Set(phases.keys), ["import", "compute", "output"])
            XCTAssertTrue(phases.values.allSatisfy { $0 >= 0 }, String(line))
            if command[0] == "stats" { XCTAssertGreaterThan(phases["import"] ?? 0, 0, String(line)) }
            if ["generate", "report"].contains(command[0]) { XCTAssertGreaterThan(phases["output"] ?? 0, 0, String(line)) }
        }
    }
}
