import EventLog
import Foundation
import Synchronization
import TracewiseConnectors
import TracewiseHTTP
import TracewiseHTTPTesting
import XCTest

final class JiraConnectorTests: XCTestCase {
    private let day: Int64 = 86_400_000_000
    private let start: Int64 = 1_735_689_600_000_000  // 2025-01-01T00:00:00Z

    /// Eight issues; ED-3 has 24 status changes, more than the 20 the search embeds.
    private func fake() -> FakeJira {
        var issues: [FakeJira.Issue] = []
        for n in 1...8 {
            let created = start + Int64(n) * day
            var statuses = [FakeJira.StatusChange("In Progress", at: created + day / 4, by: "dev-\(n % 3)"),
                            FakeJira.StatusChange("Review", at: created + day / 2, by: "dev-\(n % 2)")]
            if n == 3 {
                statuses = (0..<24).map { i in FakeJira.StatusChange(i % 2 == 0 ? "In Progress" : "Review", at: created + Int64(i + 1) * 3_600_000_000, by: "dev-1") }
            }
            statuses.append(FakeJira.StatusChange("Done", at: created + Int64(n) * day / 3 + day, by: "dev-9"))
            issues.append(.init(key: "ED-\(n)", created: created, statuses: statuses))
        }
        return FakeJira(issues: issues)
    }

    private func client() -> SourceClient {
        SourceClient(source: "jira", retry: HTTPRetryPolicy(maxAttempts: 4, sleep: { _ in }))
    }

    private func serve(_ fake: FakeJira, failures: @escaping @Sendable (Int) -> FakeReply? = { _ in nil }) async throws -> LoopbackFakeServer {
        try await LoopbackFakeServer { request, number in failures(number) ?? fake.reply(request) }
    }

    func testAFullPullMapsStatusChangesPagesAndFetchesLongChangelogs() async throws {
        let fake = fake()
        let server = try await serve(fake)
        defer { Task { try await server.shutdown() } }
        let jira = JiraConnector(baseURL: server.baseURL, email: "ann@example.com", apiToken: "secret-token", client: client())
        let window = try PullWindow(from: start, to: start + 30 * day)
        let result = try await PullRunner().run(jira, window: window, previous: nil)

        XCTAssertEqual(result.report.records, 8)
        XCTAssertEqual(result.report.cases, 8)
        XCTAssertEqual(result.report.events, 8 + 7 * 3 + 25, "Created + every status change, ED-3's 24 from the changelog endpoint")
        XCTAssertEqual(result.report.pages, 3)
        XCTAssertEqual(result.report.cursor.highWaterMark, fake.issues.map(\.updated).max())
        XCTAssertTrue(result.report.fingerprint.hasPrefix("sha256:"))
        let stats = LogStatistics(result.log)
        XCTAssertEqual(stats.activities["Created"], 8)
        XCTAssertEqual(stats.activities["Done"], 8)
        XCTAssertEqual(stats.startActivities, ["Created": 8])
        XCTAssertEqual(result.log.provenance.source?.format, "connector")
        XCTAssertEqual(result.log.provenance.source?.fingerprint, result.report.fingerprint)

        let requests = server.requests
        XCTAssertTrue(requests.allSatisfy { $0.method == "GET" }, "extraction is read-only")
        XCTAssertTrue(requests.contains { $0.path == "/rest/api/3/issue/ED-3/changelog" })
        XCTAssertEqual(requests.first?.header("authorization"), "Basic " + Data("ann@example.com:secret-token".utf8).base64EncodedString())
        XCTAssertFalse(String(describing: result.report).contains("secret-token"), "no credential in the report")
    }

    func testRateLimitsAndAFailedPageAreRetried() async throws {
        let server = try await serve(fake()) { number in
            switch number {
            case 1: return .json(status: 429, #"{"errorMessages":["Rate limit exceeded"]}"#, headers: [("Retry-After", "1")])
            case 3: return .json(status: 503, #"{"errorMessages":["busy"]}"#)
            default: return nil
            }
        }
        defer { Task { try await server.shutdown() } }
        let jira = JiraConnector(baseURL: server.baseURL, email: "a", apiToken: "b", client: client())
        let result = try await PullRunner().run(jira, window: try PullWindow(from: start, to: start + 30 * day), previous: nil)
        XCTAssertEqual(result.report.records, 8)
    }

    func testAnEmptyWindowGivesAnEmptyLogAndKeepsTheCursor() async throws {
        let server = try await serve(fake())
        defer { Task { try await server.shutdown() } }
        let jira = JiraConnector(baseURL: server.baseURL, email: "a", apiToken: "b", client: client())
        let window = try PullWindow(from: start - 40 * day, to: start - 30 * day)
        let result = try await PullRunner().run(jira, window: window, previous: nil)
        XCTAssertEqual(result.report.records, 0)
        XCTAssertEqual(result.report.events, 0)
        XCTAssertEqual(result.log.caseCount, 0)
        XCTAssertEqual(result.report.cursor.highWaterMark, window.from)
    }

    func testASecondPullWithTheStoredCursorFetchesOnlyWhatChangedAndEqualsAFullPull() async throws {
        let server = try await serve(fake())
        defer { Task { try await server.shutdown() } }
        let jira = JiraConnector(baseURL: server.baseURL, email: "a", apiToken: "b", client: client())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jira-cursor-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FilePullStateStore(directory: directory)
        let middle = start + 6 * day
        let first = try await PullRunner().run(jira, window: try PullWindow(from: start, to: middle), tenant: "acme", store: store)
        let second = try await PullRunner().run(jira, window: try PullWindow(from: middle, to: start + 30 * day), tenant: "acme", store: store)
        let full = try await PullRunner().run(jira, window: try PullWindow(from: start, to: start + 30 * day), previous: nil)
        XCTAssertEqual(first.report.records + second.report.records, 8)
        XCTAssertLessThan(second.report.records, 8)
        XCTAssertEqual(second.report.cursorBefore, first.report.cursor)
        XCTAssertEqual(second.state.events, full.state.events)
        XCTAssertEqual(LogStatistics(second.log).variants, LogStatistics(full.log).variants)
        let history = try await store.load(tenant: "acme", source: "jira")?.history
        XCTAssertEqual(history?.count, 2)
    }

    func testDriftReportsFieldsTheSourceAdded() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jira-drift-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FilePullStateStore(directory: directory)
        let before = try await serve(fake())
        _ = try await PullRunner().run(JiraConnector(baseURL: before.baseURL, email: "a", apiToken: "b", client: client()),
                                       window: try PullWindow(from: start, to: start + 30 * day), tenant: "t", store: store)
        try await before.shutdown()
        var changed = fake()
        changed.extraFields = ["priority": "High"]
        let after = try await serve(changed)
        defer { Task { try await after.shutdown() } }
        let result = try await PullRunner().run(JiraConnector(baseURL: after.baseURL, email: "a", apiToken: "b", client: client()),
                                                window: try PullWindow(from: start - day, to: start + 30 * day), tenant: "t", store: store)
        XCTAssertEqual(result.report.drift.added, ["/fields/priority"])
        XCTAssertEqual(result.report.drift.removed, [])
    }

    func testBadRecordsFailStrictlyAndAreCountedLeniently() async throws {
        let fake = fake()
        let server = try await LoopbackFakeServer { request, _ in
            var reply = fake.reply(request)
            if request.path == "/rest/api/3/search/jql", case .bytes(let body)? = reply.parts.first {
                let text = String(decoding: body, as: UTF8.self).replacingOccurrences(of: #""created":"2025-01-03T00:00:00.000+0000","updated""#, with: #""created":"yesterday","updated""#)
                reply.parts = [.bytes(Array(text.utf8))]
            }
            return reply
        }
        defer { Task { try await server.shutdown() } }
        let jira = JiraConnector(baseURL: server.baseURL, email: "a", apiToken: "b", client: client())
        let window = try PullWindow(from: start, to: start + 30 * day)
        do {
            _ = try await PullRunner().run(jira, window: window, previous: nil)
            XCTFail("an unreadable date must fail a strict pull")
        } catch let error as ConnectorError {
            XCTAssertTrue(error.description.contains("/fields/created"), error.description)
        }
        let lenient = try await PullRunner(options: PullOptions(lenient: true)).run(jira, window: window, previous: nil)
        XCTAssertEqual(lenient.report.skipped.count, 1)
        XCTAssertEqual(lenient.report.records, 7)
    }

    func testMissingCredentialsAreNamed() {
        XCTAssertThrowsError(try JiraConnector(baseURL: "http://127.0.0.1:1", environment: ["JIRA_EMAIL": "a"])) { error in
            XCTAssertEqual(error as? ConnectorError, .missingCredential(source: "jira", name: "JIRA_API_TOKEN"))
        }
    }
}
