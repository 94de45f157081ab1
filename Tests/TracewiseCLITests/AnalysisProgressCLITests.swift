import Foundation
import Synchronization
import XCTest

/// `discover`, `explain` and `report` draw their progress on a terminal and nothing on a pipe, and Ctrl-C during
/// their work stops them with exit code 130 and no output file.
final class AnalysisProgressCLITests: XCTestCase {
    private static let erase = "\r\u{1B}[2K"

    private func commands(_ fixtures: CLIFixtures) -> [[String]] {
        [["discover", fixtures.log, "--pnml", fixtures.path("progress-im.pnml")],
         ["discover", fixtures.log, "--miner", "alpha"],
         ["explain", fixtures.log, "--format", "json"],
         ["report", fixtures.log, "--html", fixtures.path("progress.html")]]
    }

    func testNoProgressWhenStderrIsNotATerminal() throws {
        let fixtures = try CLIFixtures.shared()
        for command in commands(fixtures) {
            let run = try CLI.run(command)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stderr, "", "\(command[0]) wrote to a stderr that is not a terminal")
        }
    }

    func testProgressIsDrawnOnATerminalAndErased() throws {
        let fixtures = try CLIFixtures.shared()
        let expected: [String: [String]] = ["discover": ["discover ", "activities"], "explain": ["train ", "trees", "explain ", "rows"],
                                            "report": ["train ", "explain "]]
        for command in commands(fixtures) {
            let run = try CLI.runOnTerminal(command)
            XCTAssertEqual(run.status, 0, run.stdout)
            let words = command.contains("alpha") ? ["discover ", "pairs"] : expected[command[0]]!
            for word in words {
                XCTAssertTrue(run.stdout.contains(word), "\(command): \(word) is shown: \(run.stdout.prefix(300).debugDescription)")
            }
            XCTAssertTrue(run.stdout.contains(Self.erase + "discover ") || command[0] != "discover")
            XCTAssertFalse(run.terminalText.contains("ETA"), "\(command): the last progress line is erased")
        }
        let explain = try CLI.runOnTerminal(["explain", fixtures.log, "--format", "json"])
        XCTAssertTrue(explain.terminalText.hasPrefix("{"), explain.terminalText.prefix(80).debugDescription)
    }

    /// Ctrl-C while `report` trains its model and while `discover` reads its log (both seen on the terminal):
    /// exit 130, "cancelled", and no output file nor temporary file in the directory.
    func testInterruptDuringTheWorkLeavesNoOutputFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("analysis-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("big.csv").path
        let generated = try CLI.run(["generate", "--events", "150000", log])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        for (command, phase) in [(["report", log, "--html", directory.appendingPathComponent("report.html").path], "train "),
                                 (["explain", log, "--format", "json"], "train "),
                                 (["discover", log, "--pnml", directory.appendingPathComponent("model.pnml").path], "read ")] {
            let run = try TerminalInterrupt.run(command, after: phase)
            XCTAssertEqual(run.status, 130, "\(command[0]): \(run.output.suffix(300))")
            XCTAssertTrue(run.output.contains("cancelled"), "\(command[0]): \(run.output.suffix(300))")
            XCTAssertFalse(run.output.contains("forced exit"), "\(command[0]) stopped by itself, not by the grace exit")
            let after = run.output.components(separatedBy: "cancelled").last ?? ""
            XCTAssertEqual(after.replacingOccurrences(of: Self.erase, with: "").trimmingCharacters(in: .whitespacesAndNewlines), "",
                           "\(command[0]): no progress is drawn after Ctrl-C: \(after.debugDescription)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["big.csv"],
                           "\(command[0]): nothing left behind")
        }
    }
}

/// Runs `tracewise` on a terminal (util-linux `script`) and sends it SIGINT once `phase` appears in its progress.
private enum TerminalInterrupt {
    struct Outcome {
        var status: Int32
        var output: String
    }

    static func run(_ arguments: [String], after phase: String) throws -> Outcome {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw XCTSkip("util-linux `script` is not installed: progress on a terminal is not checked")
        }
        let binary = try CLI.binary()
        let quoted = ([binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = script
        process.arguments = ["-qec", "exec " + quoted.joined(separator: " "), "/dev/null"]
        let out = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let output = Mutex(Data())
        out.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            output.withLock { $0.append(chunk) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(600)
        var signalled = false
        while process.isRunning && Date() < deadline {
            if output.withLock({ String(decoding: $0, as: UTF8.self) }).contains(phase),
               let child = descendant(of: process.processIdentifier, named: binary.lastPathComponent) {
                kill(child, SIGINT)
                signalled = true
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        let text = output.withLock { String(decoding: $0 + rest, as: UTF8.self) }
        guard signalled else {
            XCTFail("\(arguments[0]) ended before showing \(phase.debugDescription): \(text.suffix(300))")
            return Outcome(status: process.terminationStatus, output: text)
        }
        return Outcome(status: process.terminationStatus, output: text)
    }

    /// A process below `root` whose command name is `name`, found through /proc.
    private static func descendant(of root: Int32, named name: String) -> Int32? {
        var queue = [root]
        while let pid = queue.popLast() {
            if pid != root, let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
               comm.trimmingCharacters(in: .whitespacesAndNewlines) == String(name.prefix(15)) {
                return pid
            }
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            queue += children.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return nil
    }
}
