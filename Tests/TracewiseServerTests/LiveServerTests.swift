import Discovery
import EventLog
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PostgresTestSupport
import TracewiseTestSupport
import XCTest

/// Runs the built `tracewise-server` on a free loopback port as a user would: reads the printed URL and demo
/// key, makes a key with `keys create`, uploads a log, waits for the analysis and checks that stats and DFG
/// equal the library's, then stops it with SIGTERM — on SQLite (BPIC 2012 from ../shared, else a generated
/// log) and on PostgreSQL (`--postgres`, when `TRACEWISE_POSTGRES_URL` is set), where a restarted process
/// answers for the analysis the first one ran.
final class LiveServerTests: XCTestCase {
    /// A running `tracewise-server` and what it printed.
    private struct Running {
        let process: Process
        let url: String
        let demoKey: String

        /// SIGTERM, then the exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    private func binary() throws -> URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .map { $0.appendingPathComponent("tracewise-server") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the tracewise-server binary was not built next to the tests")
        }
        return found
    }

    private func start(_ arguments: [String]) throws -> Running {
        let server = Process()
        server.executableURL = try binary()
        server.arguments = ["--port", "0"] + arguments
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        var printed = ""
        let deadline = Date().addingTimeInterval(120)
        while !printed.contains("api key: "), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
            if printed.contains("api key: "), printed.hasSuffix("\n") { break }
        }
        let lines = printed.split(separator: "\n").map(String.init)
        guard let url = lines.first(where: { $0.hasPrefix("listening on http://127.0.0.1:") })?.dropFirst("listening on ".count),
              let demoKey = lines.first(where: { $0.hasPrefix("demo tenant: demo, api key: ") })?.dropFirst("demo tenant: demo, api key: ".count)
        else {
            server.terminate()
            throw XCTSkip("tracewise-server did not start: \(printed)")
        }
        XCTAssertTrue(demoKey.hasPrefix("tw_"))
        return Running(process: server, url: String(url), demoKey: String(demoKey))
    }

    /// `keys create` prints one key and nothing else.
    private func createKey(_ arguments: [String], role: String = "operator") throws -> String {
        let create = Process()
        create.executableURL = try binary()
        create.arguments = ["keys", "create"] + arguments + ["--tenant", "demo", "--role", role]
        let keyOut = Pipe()
        create.standardOutput = keyOut
        try create.run()
        create.waitUntilExit()
        XCTAssertEqual(create.terminationStatus, 0)
        let keyLines = String(decoding: keyOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(keyLines.count, 1)
        return String(try XCTUnwrap(keyLines.first))
    }

    /// Uploads `logURL`, analyses it and checks stats and DFG against the library; returns the analysis id.
    private func analyse(_ server: Running, key: String, logURL: URL, expected: EventLog) async throws -> String {
        let (uploaded, uploadStatus) = try await request("\(server.url)/tenants/demo/logs?name=\(logURL.lastPathComponent)", method: "POST", key: key,
                                                         body: try Data(contentsOf: logURL))
        XCTAssertEqual(uploadStatus, 201, String(decoding: uploaded, as: UTF8.self))
        let logID = try XCTUnwrap((try JSONSerialization.jsonObject(with: uploaded) as? [String: Any])?["id"] as? String)
        let (submitted, submitStatus) = try await request("\(server.url)/tenants/demo/analyses", method: "POST", key: key,
                                                          body: Data("{\"logId\":\"\(logID)\"}".utf8))
        XCTAssertEqual(submitStatus, 202)
        let id = try XCTUnwrap((try JSONSerialization.jsonObject(with: submitted) as? [String: Any])?["id"] as? String)
        var state = ""
        let jobDeadline = Date().addingTimeInterval(1_200)
        while Date() < jobDeadline {
            let (status, _) = try await request("\(server.url)/tenants/demo/analyses/\(id)", key: server.demoKey)
            state = (try JSONSerialization.jsonObject(with: status) as? [String: Any])?["status"] as? String ?? ""
            if ["succeeded", "failed", "cancelled"].contains(state) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        XCTAssertEqual(state, "succeeded")
        try await assertResults(server, key: key, id: id, expected: expected)
        return id
    }

    private func assertResults(_ server: Running, key: String, id: String, expected: EventLog) async throws {
        let (stats, _) = try await request("\(server.url)/tenants/demo/analyses/\(id)/stats", key: key)
        XCTAssertEqual(stats, try ReportJSON.encode(StatisticsSummary(LogStatistics(expected))))
        let (dfg, _) = try await request("\(server.url)/tenants/demo/analyses/\(id)/dfg", key: key)
        XCTAssertEqual(dfg, try ReportJSON.encode(DirectlyFollowsSummary(expected)))
    }

    func testLiveServerAnalysesAnUploadLikeTheLibrary() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let server = try start(["--data", data.path])
        defer { if server.process.isRunning { server.process.terminate() } }
        let key = try createKey(["--data", data.path])

        let logURL: URL
        if let bpic = try? SharedData.require("datasets/bpic2012.xes.gz") {
            logURL = bpic
        } else {
            print("SKIPPED part: ../shared/datasets/bpic2012.xes.gz is absent; the live test uploads a generated log")
            logURL = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-live-\(UUID().uuidString).xes.gz")
            try SyntheticLog.generate(events: 20_000, seed: 11).write(to: logURL)
        }
        _ = try await analyse(server, key: key, logURL: logURL, expected: try EventLog(contentsOf: logURL))
        let (page, _) = try await request("\(server.url)/", key: nil)
        XCTAssertTrue(String(decoding: page, as: UTF8.self).contains("<html"), "GET / serves the web UI's entry page")
        XCTAssertEqual(server.stop(), 0, "SIGTERM shuts down gracefully")
    }

    func testLiveServerOnPostgreSQLSurvivesARestart() async throws {
        let database = try await PostgresTestDatabase.create()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-live-pg-\(UUID().uuidString)")
        let logURL = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-live-pg-\(UUID().uuidString).xes.gz")
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: logURL)
        }
        try SyntheticLog.generate(events: 5_000, seed: 12).write(to: logURL)
        let expected = try EventLog(contentsOf: logURL)
        let arguments = ["--data", data.path, "--postgres", database.url]
        let first = try start(arguments)
        defer { if first.process.isRunning { first.process.terminate() } }
        let key = try createKey(arguments)
        let id = try await analyse(first, key: key, logURL: logURL, expected: expected)
        // A pack registered on the first process lives in PostgreSQL, not in the data folder.
        let admin = try createKey(arguments, role: "admin")
        var domain = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: SharedData.packageRoot
            .appendingPathComponent("Examples/Packs/finance/domain-pack.json"))) as? [String: Any])
        domain["version"] = "9.9.9"
        let domainPack = try JSONSerialization.data(withJSONObject: domain)
        let (_, registered) = try await request("\(first.url)/tenants/demo/packs?kind=domain", method: "POST", key: admin, body: domainPack)
        XCTAssertEqual(registered, 201)
        XCTAssertFalse(FileManager.default.fileExists(atPath: data.appendingPathComponent("packs").path), "packs go to the database")
        XCTAssertEqual(first.stop(), 0, "SIGTERM shuts down gracefully")

        let second = try start(arguments)
        defer { if second.process.isRunning { second.process.terminate() } }
        let (status, _) = try await request("\(second.url)/tenants/demo/analyses/\(id)", key: key)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: status) as? [String: Any])?["status"] as? String, "succeeded")
        try await assertResults(second, key: key, id: id, expected: expected)
        let (packs, listed) = try await request("\(second.url)/tenants/demo/packs", key: key)
        XCTAssertEqual(listed, 200)
        let finance = (try JSONSerialization.jsonObject(with: packs) as? [[String: Any]])?.first { $0["domain"] as? String == "finance" }
        let versions = (finance?["versions"] as? [[String: Any]])?.compactMap { $0["version"] as? String } ?? []
        XCTAssertTrue(versions.contains("9.9.9"), "the restarted process reads the pack from PostgreSQL: \(versions)")
        XCTAssertEqual(second.stop(), 0)
        try await database.drop()
    }

    private func request(_ url: String, method: String = "GET", key: String?, body: Data? = nil) async throws -> (Data, Int) {
        var request = URLRequest(url: try XCTUnwrap(URL(string: url)))
        request.httpMethod = method
        request.timeoutInterval = 600
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }
}
