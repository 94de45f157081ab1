import Foundation
import XCTest

/// `packs validate`, `show`, `convert`, `schema` and `test` on the sample packs.
final class PacksCLITests: XCTestCase {
    private let finance = CLIFixtures.pack("finance")

    func testValidate() throws {
        let fixtures = try CLIFixtures.shared()
        let valid = try CLI.run(["packs", "validate", finance.path, "--format", "json"])
        XCTAssertEqual(valid.status, 0, valid.stderr)
        let json = try valid.object()
        XCTAssertEqual(Set(json.keys), ["valid", "errors", "warnings"])
        XCTAssertEqual(json["valid"] as? Bool, true)
        let broken = fixtures.path("broken-pack.json")
        try Data(#"{"packKind": "domain", "name": 3}"#.utf8).write(to: URL(fileURLWithPath: broken))
        let invalid = try CLI.run(["packs", "validate", broken, "--format", "json"])
        XCTAssertEqual(invalid.status, 1, "an invalid pack is a finding")
        XCTAssertEqual(try invalid.object()["valid"] as? Bool, false)
        let issue = try XCTUnwrap((try invalid.object()["errors"] as? [[String: Any]])?.first)
        XCTAssertTrue(Set(issue.keys).isSuperset(of: ["file", "path", "code", "message"]), "\(issue.keys)")
        XCTAssertEqual(invalid.stderr, "", "the report is on stdout")
        XCTAssertEqual(try CLI.run(["packs", "validate"]).status, 2)
    }

    func testShow() throws {
        let shown = try CLI.run(["packs", "show", finance.appendingPathComponent("tenant-pack.yaml").path])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertFalse(try shown.object().isEmpty)
        let missing = try CLI.run(["packs", "show", try CLIFixtures.shared().missing])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("Error: "), missing.stderr)
        XCTAssertEqual(try CLI.run(["packs", "show"]).status, 2)
    }

    func testConvertKeepsTheOutputExtensionMessage() throws {
        let fixtures = try CLIFixtures.shared()
        let json = fixtures.path("domain-pack.json")
        let converted = try CLI.run(["packs", "convert", finance.appendingPathComponent("domain-pack.yaml").path, json])
        XCTAssertEqual(converted.status, 0, converted.stderr)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))))
        XCTAssertEqual(try CLI.run(["packs", "convert", fixtures.missing, json]).status, 1)
        let unwritable = try CLI.run(["packs", "convert", json, "/nonexistent/directory/pack.yaml"])
        XCTAssertEqual(unwritable.status, 1)
        XCTAssertTrue(unwritable.stderr.hasPrefix("Error: cannot write /nonexistent/directory/pack.yaml"), unwritable.stderr)
        let usage = try CLI.run(["packs", "convert", json, fixtures.path("domain-pack.txt")])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("the output file must end in .json, .yaml or .yml"), usage.stderr)
    }

    func testSchema() throws {
        let schema = try CLI.run(["packs", "schema", "tenant"])
        XCTAssertEqual(schema.status, 0, schema.stderr)
        XCTAssertNotNil(try schema.object()["$schema"])
        XCTAssertEqual(try CLI.run(["packs", "schema", "other"]).status, 2)
    }

    func testTest() throws {
        let fixtures = try CLIFixtures.shared()
        let tested = try CLI.run(["packs", "test", finance.appendingPathComponent("domain-pack.yaml").path,
                                  finance.appendingPathComponent("tenant-pack.yaml").path, "--format", "json"])
        XCTAssertEqual(tested.status, 0, tested.stderr)
        let json = try tested.object()
        XCTAssertEqual(Set(json.keys), ["passed", "failed", "cases", "redTeam"])
        XCTAssertEqual(json["failed"] as? Int, 0)
        XCTAssertGreaterThan(json["passed"] as? Int ?? 0, 0)
        XCTAssertEqual(try CLI.run(["packs", "test", fixtures.missing, fixtures.missing]).status, 1)
        XCTAssertEqual(try CLI.run(["packs", "test", fixtures.missing]).status, 2)
    }
}
