import Foundation
import XCTest

/// Progress on stderr only for a person at a terminal, and Ctrl-C that stops a run promptly without leaving a
/// partial output file.
final class ProgressAndInterruptCLITests: XCTestCase {
    func testNoProgressWhenStderrIsNotATerminal() throws {
        let fixtures = try CLIFixtures.shared()
        for command in ["replay", "align", "precision"] {
            let run = try CLI.run([command, fixtures.log, fixtures.net, "--format", "json"])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stderr, "", "\(command) wrote to a stderr that is not a terminal")
        }
    }

    func testProgressLineOnATerminalIsErasedWhenDone() throws {
        let fixtures = try CLIFixtures.shared()
        let run = try CLI.runOnTerminal(["align", fixtures.log, fixtures.net, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stdout)
        let erase = "\r\u{1B}[2K"
        XCTAssertTrue(run.stdout.contains(erase + "read "), "the reading phase is shown: \(run.stdout.debugDescription)")
        XCTAssertTrue(run.stdout.contains(erase + "align "), "the alignment phase is shown")
        XCTAssertTrue(run.stdout.contains("variants"))
        XCTAssertTrue(run.terminalText.hasPrefix("{"),
                      "the line is erased before the output: \(run.terminalText.prefix(80).debugDescription)")
    }

    /// SIGINT to a real `tracewise generate` writing a large log: exit 130 within seconds, no file at the output
    /// path and no temporary file beside it.
    func testInterruptStopsPromptlyWithoutPartialFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("big.xes")
        let process = Process()
        process.executableURL = try CLI.binary()
        process.arguments = ["generate", "--events", "2000000", output.path]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 0.3)
        let interrupted = Date()
        process.interrupt()
        process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(interrupted)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("cancelled"), stderr)
        XCTAssertFalse(stderr.contains("forced exit"), "generate stopped by itself, not by the grace exit: \(stderr)")
        XCTAssertLessThan(elapsed, 10, "stopped \(elapsed) s after Ctrl-C")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [], "nothing left behind")
    }
}
