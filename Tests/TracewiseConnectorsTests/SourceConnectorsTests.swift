import EventLog
import Foundation
import Synchronization
import TracewiseConnectors
import TracewiseHTTP
import TracewiseHTTPTesting
import XCTest

/// Salesforce, HubSpot, Xero, Marketo and the generic REST connector against loopback fakes that replay the
/// shapes of api-shapes.md: several pages, last-page signals, each source's rate-limit form, a token that
/// expires mid-pull, a page that fails once.
final class SourceConnectorsTests: XCTestCase {
    private static let start: Int64 = 1_735_689_600_000_000  // 2025-01-01T00:00:00Z
    private var start: Int64 { Self.start }
    private static let hour: Int64 = 3_600_000_000
    private let hour: Int64 = 3_600_000_000

    private var window: PullWindow { get throws { try PullWindow(from: start, to: start + 1000 * hour) } }
    private let instant = HTTPRetryPolicy(maxAttempts: 4, sleep: { _ in })

    private static func sfDate(_ micros: Int64) -> String { String(SourceTimestamp.iso8601(micros).prefix(19)) + ".000+0000" }

    func testSalesforcePagesThroughNextRecordsURLAndReadsBothHistories() async throws {
        let server = try await LoopbackFakeServer { request, number in
            if number == 2 { return .json(status: 503, #"[{"message":"busy","errorCode":"SERVER_UNAVAILABLE"}]"#) }
            if request.path.hasSuffix("/query/next-2") {
                return .json(#"{"totalSize":3,"done":true,"records":[{"attributes":{"type":"OpportunityHistory"},"Id":"h3","OpportunityId":"o2","StageName":"Closed Won","CreatedDate":"\#(Self.sfDate(Self.start + 5 * Self.hour))","CreatedById":"u2"}]}"#)
            }
            let soql = FakeJira.query(request.uri)["q"] ?? ""
            if soql.contains("FROM OpportunityHistory") {
                XCTAssertTrue(soql.contains("CreatedDate >= 2025-01-01T00:00:00Z"), soql)
                return .json(#"{"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/next-2","records":[{"attributes":{"type":"OpportunityHistory"},"Id":"h1","OpportunityId":"o1","StageName":"Prospecting","Amount":100,"CreatedDate":"\#(Self.sfDate(Self.start + Self.hour))","CreatedById":"u1"},{"attributes":{"type":"OpportunityHistory"},"Id":"h2","OpportunityId":"o1","StageName":"Negotiation/Review","CreatedDate":"\#(Self.sfDate(Self.start + 2 * Self.hour))","CreatedById":"u1"}]}"#)
            }
            return .json(#"{"totalSize":1,"done":true,"records":[{"attributes":{"type":"OpportunityFieldHistory"},"Id":"f1","OpportunityId":"o2","Field":"Amount","OldValue":null,"NewValue":500,"CreatedDate":"\#(Self.sfDate(Self.start + 3 * Self.hour))","CreatedById":"u3"}]}"#)
        }
        defer { Task { try await server.shutdown() } }
        let salesforce = SalesforceConnector(baseURL: server.baseURL, accessToken: "tok", client: SourceClient(source: "salesforce", retry: instant))
        let result = try await PullRunner().run(salesforce, window: try window, previous: nil)
        XCTAssertEqual(result.report.records, 4)
        XCTAssertEqual(result.report.cases, 2)
        XCTAssertEqual(Set(LogStatistics(result.log).variants.map(\.activities)),
                       [["Prospecting", "Negotiation/Review"], ["Amount → 500", "Closed Won"]])
        XCTAssertEqual(result.report.cursor.highWaterMark, start + 5 * hour)
        XCTAssertTrue(server.requests.allSatisfy { $0.method == "GET" })
        XCTAssertEqual(server.requests.first?.header("authorization"), "Bearer tok")
    }

    func testSalesforceOrgLimitFailsAtOnce() async throws {
        let server = try await LoopbackFakeServer { _, _ in
            .json(status: 403, #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#)
        }
        defer { Task { try await server.shutdown() } }
        let salesforce = SalesforceConnector(baseURL: server.baseURL, accessToken: "tok", client: SourceClient(source: "salesforce", retry: instant))
        do {
            _ = try await PullRunner().run(salesforce, window: try window, previous: nil)
            XCTFail("the org's API limit must fail the pull")
        } catch let error as ConnectorError {
            guard case .rateLimited = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(server.requestCount, 1, "a daily limit is not retried")
    }

    func testHubSpotSearchesThenReadsHistoriesAndRetriesTheSecondlyLimit() async throws {
        let server = try await LoopbackFakeServer { request, number in
            if number == 1 { return .json(status: 429, #"{"status":"error","message":"You have reached your secondly limit.","errorType":"RATE_LIMIT","policyName":"SECONDLY"}"#) }
            let body = (try? JSONValue(data: Data(request.body))) ?? .null
            if request.path == "/crm/v3/objects/deals/search" {
                if body["after"]?.string == nil {
                    return .json(#"{"total":3,"results":[{"id":"d1","properties":{"hs_lastmodifieddate":"2025-01-01T05:00:00Z"}},{"id":"d2","properties":{"hs_lastmodifieddate":"2025-01-01T06:00:00Z"}}],"paging":{"next":{"after":"2"}}}"#)
                }
                return .json(#"{"total":3,"results":[{"id":"d3","properties":{"hs_lastmodifieddate":"2025-01-02T00:00:00Z"}}]}"#)
            }
            let ids = body["inputs"]?.array?.compactMap { $0["id"]?.string } ?? []
            let deals = ids.map { id in
                #"{"id":"\#(id)","properties":{"hs_lastmodifieddate":"2025-01-01T05:00:00Z"},"propertiesWithHistory":{"dealstage":[{"value":"closedwon","timestamp":"2025-01-01T04:00:00.000Z","sourceType":"CRM_UI","updatedByUserId":12345},{"value":"appointmentscheduled","timestamp":"2025-01-01T01:00:00.000Z","sourceType":"API"}]},"createdAt":"2025-01-01T01:00:00.000Z","updatedAt":"2025-01-01T05:00:00.000Z","archived":false}"#
            }
            return .json(#"{"status":"COMPLETE","results":[\#(deals.joined(separator: ","))]}"#)
        }
        defer { Task { try await server.shutdown() } }
        let hubspot = HubSpotConnector(baseURL: server.baseURL, accessToken: "tok", client: SourceClient(source: "hubspot", retry: instant))
        let result = try await PullRunner().run(hubspot, window: try window, previous: nil)
        XCTAssertEqual(result.report.records, 3)
        XCTAssertEqual(result.report.events, 6)
        XCTAssertEqual(LogStatistics(result.log).variants.first?.activities, ["appointmentscheduled", "closedwon"], "history sorted by time")
        XCTAssertTrue(server.requests.allSatisfy { $0.method == "POST" && ($0.path.hasSuffix("/search") || $0.path.hasSuffix("/batch/read")) },
                      "only search and batch-read POSTs")
    }

    func testXeroReadsMSJSONDatesPerInvoiceHistoryAndStopsOnTheDailyLimit() async throws {
        let server = try await LoopbackFakeServer { request, _ in
            if request.path == "/Invoices" {
                XCTAssertEqual(request.header("xero-tenant-id"), "tenant-1")
                XCTAssertNotNil(request.header("if-modified-since"))
                return .json(#"{"Status":"OK","pagination":{"page":1,"pageSize":100,"pageCount":1,"itemCount":2},"Invoices":[{"InvoiceID":"inv-1","Status":"PAID","UpdatedDateUTC":"/Date(1735725600000+0000)/"},{"InvoiceID":"inv-2","Status":"AUTHORISED","UpdatedDateUTC":"/Date(1735729200000+0000)/"}]}"#)
            }
            if request.path == "/Invoices/inv-2/History" {
                return FakeReply(status: 429, headers: [("Retry-After", "3600"), ("X-Rate-Limit-Problem", "day")], parts: [.bytes(Array("{}".utf8))])
            }
            return .json(#"{"HistoryRecords":[{"Changes":"Created","DateUTC":"/Date(1735693200000+0000)/","User":"Jane Doe"},{"Changes":"Approved","DateUTC":"/Date(1735700400000+0000)/","User":"Jane Doe"},{"Changes":"Paid","DateUTC":"/Date(1735725600000+0000)/","User":"System Generated"}]}"#)
        }
        defer { Task { try await server.shutdown() } }
        let xero = XeroConnector(baseURL: server.baseURL, accessToken: "tok", tenantID: "tenant-1", client: SourceClient(source: "xero", retry: instant))
        do {
            _ = try await PullRunner().run(xero, window: try window, previous: nil)
            XCTFail("the daily limit must stop the pull")
        } catch let error as ConnectorError {
            guard case .rateLimited(_, _, let after) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(after, 3600)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xero-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FilePullStateStore(directory: directory)
        _ = try? await PullRunner().run(xero, window: try window, tenant: "t", store: store)
        let saved = try await store.load(tenant: "t", source: "xero")
        XCTAssertNil(saved, "a pull that failed inside its first page leaves no cursor")
    }

    func testXeroHappyPath() async throws {
        let server = try await LoopbackFakeServer { request, _ in
            if request.path == "/Invoices" {
                return .json(#"{"Status":"OK","pagination":{"page":1,"pageSize":100,"pageCount":1,"itemCount":1},"Invoices":[{"InvoiceID":"inv-1","UpdatedDateUTC":"/Date(1735725600000+0000)/"}]}"#)
            }
            return .json(#"{"HistoryRecords":[{"Changes":"Created","DateUTC":"/Date(1735693200000+0000)/","User":"Jane Doe"},{"Changes":"Paid","DateUTC":"/Date(1735725600000+0000)/","User":"System Generated"}]}"#)
        }
        defer { Task { try await server.shutdown() } }
        let xero = XeroConnector(baseURL: server.baseURL, accessToken: "tok", tenantID: "tenant-1", client: SourceClient(source: "xero", retry: instant))
        let result = try await PullRunner().run(xero, window: try window, previous: nil)
        XCTAssertEqual(LogStatistics(result.log).variants.first?.activities, ["Created", "Paid"])
        XCTAssertEqual(result.report.cursor.highWaterMark, 1_735_725_600_000_000)
    }

    func testMarketoRefreshesAnExpiredTokenRetries606AndFiltersTheWindowEnd() async throws {
        let tokens = Mutex(0)
        let secondPage = Mutex(0)
        let server = try await LoopbackFakeServer { request, _ in
            switch request.path {
            case "/identity/oauth/token":
                let n = tokens.withLock { $0 += 1; return $0 }
                return .json(#"{"access_token":"token-\#(n)","token_type":"bearer","expires_in":3599,"scope":"x"}"#)
            case "/rest/v1/activities/types.json":
                return .json(#"{"success":true,"result":[{"id":1,"name":"Visit Webpage"},{"id":12,"name":"New Lead"}]}"#)
            case "/rest/v1/activities/pagingtoken.json":
                return .json(#"{"requestId":"r","success":true,"nextPageToken":"P0"}"#)
            default:
                let query = FakeJira.query(request.uri)
                if query["nextPageToken"] == "P1" {
                    let attempt = secondPage.withLock { $0 += 1; return $0 }
                    if attempt == 1 {
                        XCTAssertEqual(request.header("authorization"), "Bearer token-1")
                        return .json(#"{"requestId":"r","success":false,"errors":[{"code":"601","message":"Access token invalid"}]}"#)
                    }
                    if attempt == 2 {
                        return .json(#"{"requestId":"r","success":false,"errors":[{"code":"606","message":"Max rate limit '100' exceeded with in '20' secs"}]}"#)
                    }
                }
                if query["nextPageToken"] == "P0" {
                    return .json(#"{"requestId":"r","success":true,"nextPageToken":"P1","moreResult":true,"result":[{"id":1,"marketoGUID":"g1","leadId":7,"activityDate":"2025-01-01T01:00:00Z","activityTypeId":12},{"id":2,"marketoGUID":"g2","leadId":7,"activityDate":"2025-01-01T02:00:00Z","activityTypeId":1,"primaryAttributeValue":"/pricing"}]}"#)
                }
                return .json(#"{"requestId":"r","success":true,"nextPageToken":"P2","moreResult":true,"result":[{"id":3,"marketoGUID":"g3","leadId":8,"activityDate":"2025-01-01T03:00:00Z","activityTypeId":12},{"id":4,"marketoGUID":"g4","leadId":8,"activityDate":"2026-01-01T03:00:00Z","activityTypeId":1}]}"#)
            }
        }
        defer { Task { try await server.shutdown() } }
        let marketo = MarketoConnector(baseURL: server.baseURL, clientID: "id", clientSecret: "sec", client: SourceClient(source: "marketo", retry: instant))
        let result = try await PullRunner().run(marketo, window: try window, previous: nil)
        XCTAssertEqual(result.report.events, 3, "the activity after the window's end is dropped and paging stops")
        XCTAssertEqual(tokens.withLock { $0 }, 2, "the token was fetched again after 601")
        XCTAssertEqual(result.report.cursor.token, "P2")
        XCTAssertEqual(LogStatistics(result.log).activities["New Lead"], 2)
        XCTAssertTrue(server.requests.allSatisfy { $0.method == "GET" })
    }

    func testMarketoDailyQuotaFails() async throws {
        let server = try await LoopbackFakeServer { request, _ in
            if request.path == "/identity/oauth/token" { return .json(#"{"access_token":"t"}"#) }
            return .json(#"{"requestId":"r","success":false,"errors":[{"code":"607","message":"Daily quota reached"}]}"#)
        }
        defer { Task { try await server.shutdown() } }
        let marketo = MarketoConnector(baseURL: server.baseURL, clientID: "id", clientSecret: "sec", client: SourceClient(source: "marketo", retry: instant))
        do {
            _ = try await PullRunner().run(marketo, window: try window, previous: nil)
            XCTFail("607 must fail")
        } catch let error as ConnectorError {
            guard case .rateLimited = error else { return XCTFail("\(error)") }
        }
    }

    func testTheGenericRESTConnectorFollowsEachPaginationStyle() async throws {
        let records = (0..<7).map { i in #"{"ticket":"T\#(i % 3)","status":"s\#(i % 2)","at":"2025-01-01T0\#(i):00:00Z","agent":{"id":"a\#(i % 2)"},"eid":"e\#(i)"}"# }
        let server = try await LoopbackFakeServer { request, _ in
            let query = FakeJira.query(request.uri)
            switch request.path {
            case "/cursor":
                let from = Int(query["cursor"] ?? "0") ?? 0
                let next = from + 3 < records.count ? #""\#(from + 3)""# : "null"
                return .json(#"{"data":{"items":[\#(records.dropFirst(from).prefix(3).joined(separator: ","))],"next":\#(next)}}"#)
            case "/page":
                let page = Int(query["p"] ?? "1") ?? 1
                return .json("[" + records.dropFirst((page - 1) * 3).prefix(3).joined(separator: ",") + "]")
            case "/offset":
                let offset = Int(query["skip"] ?? "0") ?? 0
                return .json("[" + records.dropFirst(offset).prefix(Int(query["limit"] ?? "3") ?? 3).joined(separator: ",") + "]")
            default:
                let page = Int(query["p"] ?? "0") ?? 0
                let link = page < 2 ? [("Link", #"</link?p=\#(page + 1)>; rel="next""#)] : []
                return .json("[" + records.dropFirst(page * 3).prefix(3).joined(separator: ",") + "]", headers: link)
            }
        }
        defer { Task { try await server.shutdown() } }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rest-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fields = #""fields":{"case":"ticket","activity":"status","timestamp":"at","resource":"agent.id","id":"eid"}"#
        let mappings = [
            #"{"endpoint":"/cursor","recordsPath":"data.items","pagination":{"style":"cursor","param":"cursor","nextPath":"data.next"},\#(fields),"auth":{"header":"Authorization","prefix":"Bearer ","env":"REST_TOKEN"}}"#,
            #"{"endpoint":"/page","pagination":{"style":"page","param":"p"},\#(fields)}"#,
            #"{"endpoint":"/offset","pagination":{"style":"offset","param":"skip","limitParam":"limit"},\#(fields)}"#,
            #"{"endpoint":"/link","pagination":{"style":"link"},\#(fields)}"#,
        ]
        for (index, text) in mappings.enumerated() {
            let file = directory.appendingPathComponent("m\(index).json")
            try Data(text.utf8).write(to: file)
            let connector = try RESTConnector(baseURL: server.baseURL, mapping: try RESTMapping(contentsOf: file), environment: ["REST_TOKEN": "xyz"],
                                              client: SourceClient(source: "rest", retry: instant))
            let result = try await PullRunner(options: PullOptions(pageSize: 3)).run(connector, window: try window, previous: nil)
            XCTAssertEqual(result.report.events, 7, text)
            XCTAssertEqual(result.report.cases, 3, text)
        }
        XCTAssertEqual(server.requests.first?.header("authorization"), "Bearer xyz")
    }

    func testABadMappingFileIsReportedWithItsPointer() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-mapping-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"endpoint":"/x","fields":{"case":"c","activity":"a"}}"#.utf8).write(to: file)
        XCTAssertThrowsError(try RESTMapping(contentsOf: file)) { error in
            XCTAssertEqual(error as? ConnectorError, .invalidConfiguration(file: file.path, pointer: "/fields/timestamp", reason: "missing required member"))
        }
        try Data(#"{"endpoint":"/x","pagination":{"style":"cursor","param":"c"},"fields":{"case":"c","activity":"a","timestamp":"t"}}"#.utf8).write(to: file)
        XCTAssertThrowsError(try RESTMapping(contentsOf: file)) { error in
            XCTAssertEqual((error as? ConnectorError)?.description.contains("/pagination/nextPath"), true)
        }
    }
}
