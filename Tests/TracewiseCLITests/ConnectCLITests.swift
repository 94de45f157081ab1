import Foundation
import PostgresTestSupport
import TracewiseHTTPTesting
import XCTest

/// `tracewise connect`: the pull report's JSON shape, the incremental second run with `--cursor-store` (a
/// directory, SQLite, PostgreSQL), and exit codes (0 pulled, 1 missing credential or source error, 2 usage) —
/// against a loopback Jira fake.
final class ConnectCLITests: XCTestCase {
    private let day: Int64 = 86_400_000_000
    private let start: Int64 = 1_735_689_600_000_000  // 2025-01-01

    private var scratch: URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-connect-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testJiraPullsResumeFromACursorInADirectory() async throws {
        try await pullTwice(cursorStore: scratch.appendingPathComponent("cursors").path)
    }

    func testJiraPullsResumeFromACursorInSQLite() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("connect-cursors-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: database) }
        try await pullTwice(cursorStore: "sqlite:" + database)
        XCTAssertTrue(FileManager.default.fileExists(atPath: database), "the cursor went into the SQLite database")
    }

    func testJiraPullsResumeFromACursorInPostgreSQL() async throws {
        let database = try await PostgresTestDatabase.create()
        try await pullTwice(cursorStore: database.url)
        try await database.drop()
    }

    /// Two pulls over consecutive windows with `cursorStore`: the second fetches only what changed and writes
    /// the combined log.
    private func pullTwice(cursorStore cursors: String) async throws {
        let issues = (1...6).map { n in
            FakeJira.Issue(key: "OPS-\(n)", created: start + Int64(n) * day,
                           statuses: [.init("In Progress", at: start + Int64(n) * day + day / 2, by: "dev-\(n % 2)"),
                                      .init("Done", at: start + Int64(n) * day + day, by: "dev-3")])
        }
        let fake = FakeJira(issues: issues)
        let server = try await LoopbackFakeServer { request, _ in fake.reply(request) }
        defer { Task { try await server.shutdown() } }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let environment = ["JIRA_EMAIL": "ann@example.com", "JIRA_API_TOKEN": "t0ken-never-printed"]
        let out = scratch.appendingPathComponent("jira.xes.gz").path
        let base = ["connect", "jira", "--base-url", server.baseURL, "--out", out, "--cursor-store", cursors, "--format", "json"]

        let first = try CLI.run(base + ["--from", "2025-01-01", "--to", "2025-01-05"], environment: environment)
        XCTAssertEqual(first.status, 0, first.stderr)
        let report = try first.object()
        XCTAssertTrue(Set(report.keys).isSuperset(of: ["records", "events", "cases", "cursor", "fingerprint", "drift"]), "\(report.keys)")
        XCTAssertEqual(report["records"] as? Int, 2, "OPS-1 and OPS-2 were last updated before 5 January")
        XCTAssertEqual(report["events"] as? Int, 6)
        XCTAssertEqual(report["cases"] as? Int, 2)
        XCTAssertTrue((report["fingerprint"] as? String)?.hasPrefix("sha256:") == true)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
        XCTAssertFalse(first.stdout.contains("t0ken-never-printed") || first.stderr.contains("t0ken-never-printed"))

        let second = try CLI.run(base + ["--from", "2025-01-05", "--to", "2025-02-01"], environment: environment)
        XCTAssertEqual(second.status, 0, second.stderr)
        let resumed = try second.object()
        XCTAssertEqual(resumed["records"] as? Int, 4, "only issues changed since the cursor")
        XCTAssertEqual(resumed["events"] as? Int, 18, "the log holds both pulls")
        XCTAssertNotNil(resumed["cursorBefore"] as? [String: Any])
        let stats = try CLI.run(["stats", out, "--format", "json"]).object()
        XCTAssertEqual(stats["cases"] as? Int, 6)
        XCTAssertEqual(stats["startActivities"] as? [String: Int], ["Created": 6])
    }

    func testExitCodes() throws {
        let environment = ["JIRA_EMAIL": "ann@example.com", "JIRA_API_TOKEN": ""]
        let out = scratch.appendingPathComponent("x.xes").path
        defer { try? FileManager.default.removeItem(at: scratch) }
        let usage = try CLI.run(["connect", "jira", "--from", "2025-01-01", "--to", "2025-02-01", "--out", out], environment: environment)
        XCTAssertEqual(usage.status, 2, "no --base-url is a usage error")
        XCTAssertTrue(usage.stderr.contains("--base-url"), usage.stderr)
        let missing = try CLI.run(["connect", "jira", "--base-url", "http://127.0.0.1:9", "--from", "2025-01-01", "--to", "2025-02-01", "--out", out],
                                  environment: environment)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("JIRA_API_TOKEN"), missing.stderr)
        let badDate = try CLI.run(["connect", "jira", "--base-url", "http://127.0.0.1:9", "--from", "last week", "--to", "2025-02-01", "--out", out],
                                  environment: environment.merging(["JIRA_API_TOKEN": "x"]) { $1 })
        XCTAssertEqual(badDate.status, 1)
        XCTAssertTrue(badDate.stderr.contains("--from"), badDate.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no partial output")
    }
}
