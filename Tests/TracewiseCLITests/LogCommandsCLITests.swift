import Foundation
import XCTest

/// `stats`, `convert`, `fingerprint`, `generate` and `dfg`: JSON shapes and exit codes, and the shared
/// `--format` default.
final class LogCommandsCLITests: XCTestCase {
    func testStats() throws {
        let fixtures = try CLIFixtures.shared()
        let stats = try CLI.run(["stats", fixtures.log, "--format", "json"])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let json = try stats.object()
        XCTAssertEqual(Set(json.keys), ["cases", "events", "activities", "startActivities", "endActivities", "variants"])
        XCTAssertGreaterThanOrEqual(json["events"] as? Int ?? 0, 300)
        let firstVariant = try XCTUnwrap((json["variants"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(firstVariant.keys), ["activities", "count"])
        let text = try CLI.run(["stats", fixtures.log, "--format", "text", "--top-variants", "1"])
        XCTAssertTrue(text.stdout.hasPrefix("cases: \(json["cases"] as? Int ?? -1)\n"), text.stdout)

        let missing = try CLI.run(["stats", fixtures.missing])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("fileNotFound"), missing.stderr)
        let bad = fixtures.path("bad-timestamp.csv")
        try Data("case:concept:name,concept:name,time:timestamp\n1,a,not-a-date\n".utf8).write(to: URL(fileURLWithPath: bad))
        let invalid = try CLI.run(["stats", bad])
        XCTAssertEqual(invalid.status, 1)
        XCTAssertTrue(invalid.stderr.contains("invalidTimestamp"), invalid.stderr)
        XCTAssertEqual(try CLI.run(["stats"]).status, 2)
        XCTAssertEqual(try CLI.run(["stats", fixtures.log, "--format", "yaml"]).status, 2)
    }

    /// The one `--format` default: JSON when stdout is not a terminal (here a pipe), byte-identical to
    /// `--format json`, for a command whose default used to be text and one whose default used to be JSON.
    func testTheDefaultFormatIsJSONOnAPipe() throws {
        let fixtures = try CLIFixtures.shared()
        for command in [["stats", fixtures.log], ["explain", fixtures.log, "--top-cases", "1"]] {
            let implicit = try CLI.run(command)
            let explicit = try CLI.run(command + ["--format", "json"])
            XCTAssertEqual(implicit.status, 0, implicit.stderr)
            XCTAssertEqual(implicit.stdout, explicit.stdout, command[0])
            XCTAssertNoThrow(try implicit.object())
        }
    }

    /// On a terminal the same default is text, for a command whose default used to be text and one whose
    /// default used to be JSON.
    func testTheDefaultFormatIsTextOnATerminal() throws {
        let fixtures = try CLIFixtures.shared()
        let stats = try CLI.runOnTerminal(["stats", fixtures.log, "--top-variants", "1"])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.terminalText.hasPrefix("cases: "), stats.stdout)
        let explain = try CLI.runOnTerminal(["explain", fixtures.log, "--top-cases", "1"])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertTrue(explain.terminalText.hasPrefix("target: "), explain.stdout)
        let json = try CLI.runOnTerminal(["stats", fixtures.log, "--format", "json"])
        XCTAssertTrue(json.terminalText.hasPrefix("{"), json.stdout)
    }

    func testConvertRoundTripsThroughXES() throws {
        let fixtures = try CLIFixtures.shared()
        let xes = fixtures.path("converted.xes.gz")
        let converted = try CLI.run(["convert", fixtures.log, xes])
        XCTAssertEqual(converted.status, 0, converted.stderr)
        XCTAssertTrue(converted.stdout.hasPrefix("wrote "), converted.stdout)
        XCTAssertEqual(try CLI.run(["stats", xes, "--format", "json"]).stdout,
                       try CLI.run(["stats", fixtures.log, "--format", "json"]).stdout)
        XCTAssertEqual(try CLI.run(["convert", fixtures.missing, xes]).status, 1)
        let usage = try CLI.run(["convert", fixtures.log, fixtures.path("converted.txt")])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("OUT must end in .xes, .xes.gz, .csv or .csv.gz"), usage.stderr)
    }

    func testFingerprint() throws {
        let fixtures = try CLIFixtures.shared()
        let fingerprint = try CLI.run(["fingerprint", fixtures.log])
        XCTAssertEqual(fingerprint.status, 0, fingerprint.stderr)
        let json = try fingerprint.object()
        XCTAssertEqual(Set(json.keys), ["fingerprint", "schema"])
        XCTAssertTrue((json["fingerprint"] as? String ?? "").hasPrefix("sha256:"))
        let schema = try XCTUnwrap(json["schema"] as? [String: Any])
        let field = try XCTUnwrap((schema["fields"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(field.keys), ["key", "type", "level"])
        let text = try CLI.run(["fingerprint", fixtures.log, "--format", "text"])
        XCTAssertTrue(text.stdout.hasPrefix((json["fingerprint"] as? String ?? "-") + "\n"), text.stdout)
        XCTAssertEqual(try CLI.run(["fingerprint", fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["fingerprint"]).status, 2)
    }

    func testGenerateIsDeterministic() throws {
        let fixtures = try CLIFixtures.shared()
        let again = fixtures.path("again.csv")
        let generated = try CLI.run(["generate", "--events", "300", "--seed", "3", again])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        XCTAssertTrue(generated.stdout.contains("injected bottleneck: "), generated.stdout)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again)), try Data(contentsOf: URL(fileURLWithPath: fixtures.log)))
        XCTAssertEqual(try CLI.run(["generate", "--events", "10", "/nonexistent/directory/log.csv"]).status, 1)
        XCTAssertEqual(try CLI.run(["generate", "--events", "0", again]).status, 2)
    }

    func testDfg() throws {
        let fixtures = try CLIFixtures.shared()
        let dfg = try CLI.run(["dfg", fixtures.log, "--format", "json"])
        XCTAssertEqual(dfg.status, 0, dfg.stderr)
        let json = try dfg.object()
        XCTAssertEqual(Set(json.keys), ["edges", "startActivities", "endActivities"])
        let edge = try XCTUnwrap((json["edges"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(edge.keys), ["from", "to", "count", "meanSeconds", "medianSeconds"])
        XCTAssertEqual(try CLI.run(["dfg", fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["dfg", fixtures.log, "--format", "xml"]).status, 2)
    }
}
