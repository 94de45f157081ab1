import Foundation
import XCTest

/// Runs the built `tracewise` binary, as a user or a script would, for the CLI contract tests.
enum CLI {
    /// What one run of the binary did.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Standard output decoded as a JSON object.
        func object(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
            let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
            return try XCTUnwrap(value as? [String: Any], "not a JSON object: \(stdout)", file: file, line: line)
        }

        /// What stays on a terminal after the progress lines (stderr shares the terminal with stdout in
        /// ``runOnTerminal(_:)``) were erased: the text after the last erase-line sequence.
        var terminalText: String {
            stdout.components(separatedBy: "\r\u{1B}[2K").last ?? stdout
        }
    }

    /// The `tracewise` executable beside the test bundle (`swift test` builds every product).
    static func binary() throws -> URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .map { $0.appendingPathComponent("tracewise") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the tracewise binary was not built next to the tests")
        }
        return found
    }

    /// Runs `tracewise arguments…` with stdout and stderr captured (so stdout is not a terminal and the
    /// default `--format` is JSON), with `environment` added to the inherited one.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errors = ErrorCollector(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Runs `tracewise arguments…` with standard output on a pseudo-terminal (through util-linux `script`), as
    /// a person at a shell would; returns what the terminal showed. Skips when `script` is not installed.
    static func runOnTerminal(_ arguments: [String]) throws -> Run {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw XCTSkip("util-linux `script` is not installed: the terminal default of --format is not checked")
        }
        let quoted = ([try binary().path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = script
        process.arguments = ["-qec", quoted.joined(separator: " "), "/dev/null"]
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errors = ErrorCollector(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: stdout, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"),
                   stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Reads a pipe on its own thread, so a command that fills stderr cannot block on it while stdout is read.
    private final class ErrorCollector: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
