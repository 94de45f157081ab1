import EventLog
import Foundation
import TracewiseConnectors
import TracewiseHTTPTesting

/// Records/s through each connector — HTTP on loopback, JSON decoding, the source's mapping into events,
/// merging and building the `EventLog` — against `FakeBusinessSystem`, which serves pre-rendered pages, so
/// the figure is what the client side costs. CPU seconds are the process's (client and fake server together),
/// the honest figure on a loaded machine, where wall time mostly measures waiting for a core.
///
/// Usage: `connector-timer [CASES] [REPEATS] [SOURCE,…]` (defaults 5000, 3 and every source). Prints one JSON line per source with the
/// best of REPEATS full pulls: `{"source","cases","records","events","pages","seconds","cpuSeconds","recordsPerSecond",
/// "recordsPerCPUSecond","eventsPerSecond"}`.
let arguments = CommandLine.arguments
let cases = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 5000) : 5000
let repeats = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 3) : 3
let sources = arguments.count > 3 ? arguments[3].split(separator: ",").compactMap { ConnectorSource(rawValue: String($0)) } : ConnectorSource.allCases
/// CPU seconds this process has used, all threads.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let credentials = ["JIRA_EMAIL": "bench@example.com", "JIRA_API_TOKEN": "t", "SALESFORCE_ACCESS_TOKEN": "t",
                   "HUBSPOT_ACCESS_TOKEN": "t", "XERO_ACCESS_TOKEN": "t", "XERO_TENANT_ID": "x",
                   "MARKETO_CLIENT_ID": "id", "MARKETO_CLIENT_SECRET": "secret"]

for source in sources {
    let system = FakeBusinessSystem(FakeBusinessSystem.Source(rawValue: source.rawValue)!, cases: cases)
    let server = try await LoopbackFakeServer { request, _ in system.reply(request) }
    let connector = try source.connector(baseURL: server.baseURL, environment: credentials)
    let window = try PullWindow(from: system.start, to: system.end)
    var best = Double.infinity
    var bestCPU = Double.infinity
    var report: PullReport?
    for _ in 0..<repeats {
        let started = DispatchTime.now().uptimeNanoseconds
        let startedCPU = processCPUSeconds()
        let result = try await PullRunner(options: PullOptions(pageSize: 100)).run(connector, window: window, previous: nil)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        bestCPU = min(bestCPU, processCPUSeconds() - startedCPU)
        precondition(result.report.records == system.records && result.log.eventCount == system.events, "\(source): incomplete pull")
        report = result.report
    }
    try await server.shutdown()
    let pulled = report!
    print(String(format: #"{"source":"%@","cases":%d,"records":%d,"events":%d,"pages":%d,"seconds":%.3f,"cpuSeconds":%.3f,"recordsPerSecond":%.0f,"recordsPerCPUSecond":%.0f,"eventsPerSecond":%.0f}"#,
                 source.rawValue, cases, pulled.records, pulled.events, pulled.pages, best, bestCPU,
                 Double(pulled.records) / best, Double(pulled.records) / bestCPU, Double(pulled.events) / best))
}
