import EventLog
import Foundation
import TracewiseConnectors
import TracewiseHTTPTesting

/// Records/s through each connector — HTTP on loopback, JSON decoding, the source's mapping into events,
/// merging and building the `EventLog` — against `FakeBusinessSystem`, which serves pre-rendered pages, so
/// the figure is what the client side costs.
///
/// Usage: `connector-timer [CASES] [REPEATS]` (defaults 5000 and 3). Prints one JSON line per source with the
/// best of REPEATS full pulls: `{"source","cases","records","events","pages","seconds","recordsPerSecond","eventsPerSecond"}`.
let arguments = CommandLine.arguments
let cases = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 5000) : 5000
let repeats = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 3) : 3
let credentials = ["JIRA_EMAIL": "bench@example.com", "JIRA_API_TOKEN": "t", "SALESFORCE_ACCESS_TOKEN": "t",
                   "HUBSPOT_ACCESS_TOKEN": "t", "XERO_ACCESS_TOKEN": "t", "XERO_TENANT_ID": "x",
                   "MARKETO_CLIENT_ID": "id", "MARKETO_CLIENT_SECRET": "secret"]

for source in ConnectorSource.allCases {
    let system = FakeBusinessSystem(FakeBusinessSystem.Source(rawValue: source.rawValue)!, cases: cases)
    let server = try await LoopbackFakeServer { request, _ in system.reply(request) }
    let connector = try source.connector(baseURL: server.baseURL, environment: credentials)
    let window = try PullWindow(from: system.start, to: system.end)
    var best = Double.infinity
    var report: PullReport?
    for _ in 0..<repeats {
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try await PullRunner(options: PullOptions(pageSize: 100)).run(connector, window: window, previous: nil)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        precondition(result.report.records == system.records && result.log.eventCount == system.events, "\(source): incomplete pull")
        report = result.report
    }
    try await server.shutdown()
    let pulled = report!
    print(String(format: #"{"source":"%@","cases":%d,"records":%d,"events":%d,"pages":%d,"seconds":%.3f,"recordsPerSecond":%.0f,"eventsPerSecond":%.0f}"#,
                 source.rawValue, cases, pulled.records, pulled.events, pulled.pages, best,
                 Double(pulled.records) / best, Double(pulled.events) / best))
}
