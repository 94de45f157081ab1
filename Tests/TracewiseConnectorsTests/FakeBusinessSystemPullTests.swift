import EventLog
import TracewiseConnectors
import TracewiseHTTP
import TracewiseHTTPTesting
import XCTest

/// Every source's connector against a generated system of 600 cases in the source's shape: each pull spans
/// several pages (HubSpot and Xero 100 records a page, Marketo 300, Salesforce 2,000, Jira 100 issues) and
/// must return every record, every event and one variant — the stages in order.
final class FakeBusinessSystemPullTests: XCTestCase {
    /// Credentials for every source; the fakes do not check them.
    static let credentials = ["JIRA_EMAIL": "a@example.com", "JIRA_API_TOKEN": "t", "SALESFORCE_ACCESS_TOKEN": "t",
                              "HUBSPOT_ACCESS_TOKEN": "t", "XERO_ACCESS_TOKEN": "t", "XERO_TENANT_ID": "x",
                              "MARKETO_CLIENT_ID": "id", "MARKETO_CLIENT_SECRET": "secret"]

    func testEachSourceReturnsEveryRecordOfALargeSystem() async throws {
        for source in FakeBusinessSystem.Source.allCases {
            let system = FakeBusinessSystem(source, cases: 600)
            let server = try await LoopbackFakeServer { request, _ in system.reply(request) }
            let result = try await PullRunner(options: PullOptions(pageSize: 100)).run(
                try ConnectorSource(rawValue: source.rawValue)!.connector(
                    baseURL: server.baseURL, environment: Self.credentials,
                    client: SourceClient(source: source.rawValue, retry: HTTPRetryPolicy(maxAttempts: 3, sleep: { _ in }))),
                window: try PullWindow(from: system.start, to: system.end),
                previous: nil)
            try await server.shutdown()
            XCTAssertEqual(result.report.records, system.records, "\(source)")
            XCTAssertEqual(result.report.events, system.events, "\(source)")
            XCTAssertEqual(result.report.cases, 600, "\(source)")
            XCTAssertGreaterThan(result.report.pages, 1, "\(source)")
            let expected = (source == .jira ? ["Created"] : []) + system.stages
            XCTAssertEqual(LogStatistics(result.log).variants.map(\.activities), [expected], "\(source)")
        }
    }
}
