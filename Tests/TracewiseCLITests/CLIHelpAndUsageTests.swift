import Foundation
import XCTest

/// Every subcommand, as the binary's own command tree lists it, has help text, answers an unknown option
/// (or the missing arguments before it) with the usage exit code 2, and has a contract test in this target.
final class CLIHelpAndUsageTests: XCTestCase {
    /// The subcommands whose JSON shape (or output files) and exit codes a test in this target checks.
    /// A new subcommand must get such a test and be added here.
    static let covered: Set<String> = [
        "audit verify", "exceptions run", "exceptions from-log",
        "packs validate", "packs show", "packs convert", "packs schema", "packs test",
        "stats", "convert", "fingerprint", "generate", "dfg",
        "discover", "net", "map", "report", "narrate",
        "replay", "align", "precision", "quality",
        "explain", "whatif", "shap",
        "ocel stats", "ocel dfg", "ocel flatten", "ocel convert", "ocel validate",
        "connect",
        "logs import", "logs list", "packs publish", "packs list", "exceptions submit", "exceptions list", "worker",
        "approvals list", "approvals decide",
    ]

    /// The leaf subcommands of `tracewise`, from ArgumentParser's `--experimental-dump-help`.
    private func leaves() throws -> [String] {
        let dump = try CLI.run(["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        let root = try XCTUnwrap(try dump.object()["command"] as? [String: Any])
        func walk(_ command: [String: Any], _ path: [String]) -> [String] {
            let children = (command["subcommands"] as? [[String: Any]] ?? [])
                .filter { ($0["commandName"] as? String) != "help" }
            if children.isEmpty { return [path.joined(separator: " ")] }
            return children.flatMap { walk($0, path + [$0["commandName"] as? String ?? "?"]) }
        }
        return walk(root, [])
    }

    func testEverySubcommandHasAContractTest() throws {
        let found = Set(try leaves())
        XCTAssertEqual(found.subtracting(Self.covered), [], "subcommands without a contract test: add one and list it in `covered`")
        XCTAssertEqual(Self.covered.subtracting(found), [], "listed subcommands the binary does not have")
    }

    func testEverySubcommandHasHelpAndRejectsUnknownOptionsWithUsage() throws {
        for path in try leaves() {
            let words = path.split(separator: " ").map(String.init)
            let help = try CLI.run(words + ["--help"])
            XCTAssertEqual(help.status, 0, "\(path) --help: \(help.stderr)")
            XCTAssertTrue(help.stdout.contains("OVERVIEW: "), "\(path) has no abstract:\n\(help.stdout)")
            XCTAssertTrue(help.stdout.contains("USAGE: tracewise \(path)"), help.stdout)
            let typeDump = help.stdout.range(of: #"default: [A-Za-z_.]+\("#, options: .regularExpression)
            XCTAssertNil(typeDump, "\(path) --help shows a Swift value dump as a default:\n\(help.stdout)")
            let unknown = try CLI.run(words + ["--no-such-option"])
            XCTAssertEqual(unknown.status, 2, "\(path) --no-such-option")
            XCTAssertTrue(unknown.stderr.hasPrefix("Error: "), unknown.stderr)
            XCTAssertTrue(unknown.stderr.contains("tracewise \(path) --help"), unknown.stderr)
            XCTAssertEqual(unknown.stdout, "", "\(path): usage errors print nothing on stdout")
        }
    }

    func testTheRootPrintsHelpAndTheHelpSubcommandWorks() throws {
        let bare = try CLI.run([])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertTrue(bare.stdout.contains("SUBCOMMANDS:"), bare.stdout)
        let help = try CLI.run(["help", "packs", "convert"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("USAGE: tracewise packs convert"), help.stdout)
        XCTAssertEqual(try CLI.run(["no-such-command"]).status, 2)
    }
}
