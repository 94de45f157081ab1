import Foundation
import XCTest

/// Starts what the workspace test drives: the built `tracewise-server` on a free loopback port with a fresh
/// data folder, and Debian's `chromedriver`; skips with a visible message when Chromium is not installed.
final class BrowserHarness {
    let serverURL: String
    let apiKey: String
    let driverURL: URL
    let chromium: String
    let dataDirectory: URL
    let screenshots: URL
    private let server: Process
    private let driver: Process

    /// The executables `swift test` builds beside the test bundle.
    static func builtExecutable(_ name: String) -> URL? {
        [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
         URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .map { $0.appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func which(_ candidates: [String]) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A TCP port nobody listens on right now.
    static func freePort() throws -> Int {
        let socket = makeTCPSocket()
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0 else { throw XCTSkip("cannot bind a loopback port") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func makeTCPSocket() -> Int32 {
        #if canImport(Glibc)
        return socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        return socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    init() async throws {
        guard let chromium = Self.which(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]),
              let chromedriver = Self.which(["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]) else {
            print("SKIPPED: Chromium or chromedriver is not installed (apt-get install chromium chromium-driver); the browser test did not run")
            throw XCTSkip("Chromium or chromedriver is not installed")
        }
        guard let serverBinary = Self.builtExecutable("tracewise-server") else {
            throw XCTSkip("the tracewise-server binary was not built next to the tests")
        }
        self.chromium = chromium
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        screenshots = root.appendingPathComponent(".build/ui-screenshots")
        try? FileManager.default.removeItem(at: screenshots)
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-ui-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)

        let port = try Self.freePort()
        server = Process()
        server.executableURL = serverBinary
        server.arguments = ["--port", String(port), "--data", dataDirectory.path]
        server.currentDirectoryURL = root
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        var url: String?
        var key: String?
        let reader = out.fileHandleForReading
        let deadline = Date().addingTimeInterval(120)
        var buffer = ""
        while (url == nil || key == nil) && Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer += String(decoding: chunk, as: UTF8.self)
            for line in buffer.split(separator: "\n") {
                if line.hasPrefix("listening on ") { url = String(line.dropFirst("listening on ".count)) }
                if let range = line.range(of: "api key: ") { key = String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces) }
            }
        }
        guard let url, let key else {
            server.terminate()
            throw XCTSkip("tracewise-server did not print its URL and demo key: \(buffer)")
        }
        serverURL = url
        apiKey = key

        let driverPort = try Self.freePort()
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(driverPort)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        driverURL = URL(string: "http://127.0.0.1:\(driverPort)")!
        for _ in 0..<300 {
            if await WebDriverSession.isReady(driverURL) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw HarnessError(message: "chromedriver did not become ready on \(driverURL)")
    }

    struct HarnessError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    func stop() {
        for process in [driver, server] where process.isRunning {
            process.interrupt()
        }
        for process in [driver, server] {
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { process.terminate() }
        }
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}
