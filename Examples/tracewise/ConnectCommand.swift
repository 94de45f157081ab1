import ArgumentParser
import EventLog
import Foundation
import TracewiseConnectors

/// `tracewise connect SOURCE --base-url URL --from DATE --to DATE --out LOG`: a read-only, date-bounded,
/// incremental pull from a business system into an event log; prints the pull report
/// (`{"records","events","cases","cursor","fingerprint","drift",…}`). Credentials come from the environment.
struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Extract an event log from Jira, Salesforce, HubSpot, Xero, Marketo, a mapped REST API or an .xlsx file.",
        discussion: """
        Credentials come from the environment: JIRA_EMAIL/JIRA_API_TOKEN, SALESFORCE_ACCESS_TOKEN, \
        HUBSPOT_ACCESS_TOKEN, XERO_ACCESS_TOKEN/XERO_TENANT_ID, MARKETO_CLIENT_ID/MARKETO_CLIENT_SECRET, or the \
        variable a REST mapping names. With --cursor-store (sqlite:PATH, a postgres:// URL or a directory), a \
        later run fetches only what changed since the stored cursor and writes the combined log.
        """)

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case jira, salesforce, hubspot, xero, marketo, rest, xlsx
    }

    @Argument(help: "The source: jira, salesforce, hubspot, xero, marketo, rest or xlsx.")
    var source: Source

    @Option(help: "The source's base URL (e.g. https://acme.atlassian.net).")
    var baseURL: String?

    @Option(help: "The window's start (inclusive), ISO 8601 date or date-time, UTC unless an offset is given.")
    var from: String?

    @Option(help: "The window's end (exclusive).")
    var to: String?

    @Option(help: "The log to write (.xes, .xes.gz, .csv, .csv.gz).")
    var out: String

    @Option(help: ArgumentHelp("Where cursors and pull history are kept per tenant and source: sqlite:PATH, a postgres:// URL, or a directory of JSON files.",
                               valueName: "store"))
    var cursorStore: String?

    @Option(help: "The tenant the cursor belongs to.")
    var tenant: String = "default"

    @Option(help: "A REST mapping file (JSON), for the rest source.")
    var mapping: String?

    @Option(help: "The .xlsx file, for the xlsx source.")
    var input: String?

    @Option(help: "The sheet to read (default: the first), for the xlsx source.")
    var sheet: String?

    @Option(help: "Records per page requested from the source.")
    var pageSize: Int = 100

    @Flag(help: "Skip records that cannot be mapped (listed in the report) instead of failing.")
    var lenient = false

    @OptionGroup var output: FormatOptions

    func validate() throws {
        guard pageSize > 0, pageSize <= 5000 else { throw ValidationError("--page-size must be between 1 and 5000") }
        switch source {
        case .xlsx:
            guard input != nil else { throw ValidationError("the xlsx source needs --input FILE.xlsx") }
        case .rest:
            guard mapping != nil else { throw ValidationError("the rest source needs --mapping FILE.json") }
            fallthrough
        default:
            guard baseURL != nil else { throw ValidationError("--base-url is required for \(source.rawValue)") }
            guard from != nil, to != nil else { throw ValidationError("--from and --to are required for \(source.rawValue)") }
        }
    }

    func run() async throws {
        if source == .xlsx {
            let log = try XLSXWorkbook(contentsOf: URL(fileURLWithPath: input!)).eventLog(sheet: sheet)
            try OutputFile.replace(out) { try log.write(to: $0) }
            let stats = LogStatistics(log)
            print(try Self.json(["cases": stats.caseCount, "events": stats.eventCount]))
            return
        }
        let window = try PullWindow(from: try Self.date(from!, option: "--from"), to: try Self.date(to!, option: "--to"))
        let environment = ProcessInfo.processInfo.environment
        let opened = try await cursorStore.flatMap(StoreLocation.init(argument:))?.open()
        defer { opened?.close() }
        let store: (any PullStateStore)? = if let opened {
            StoredPullStateStore(opened.sourceStates)
        } else {
            cursorStore.map { FilePullStateStore(directory: URL(fileURLWithPath: $0)) }
        }
        let runner = PullRunner(options: PullOptions(lenient: lenient, pageSize: pageSize))
        let connector: any Connector
        if source == .rest {
            connector = try RESTConnector(baseURL: baseURL!, mapping: try RESTMapping(contentsOf: URL(fileURLWithPath: mapping!)), environment: environment)
        } else if let system = ConnectorSource(rawValue: source.rawValue) {
            connector = try system.connector(baseURL: baseURL!, environment: environment)
        } else {
            return
        }
        let result = try await runner.run(connector, window: window, tenant: tenant, store: store)
        try OutputFile.replace(out) { try result.log.write(to: $0) }
        switch output.format {
        case .json: try JSONOutput.print(result.report)
        case .text:
            let report = result.report
            print("\(report.source): \(report.records) records → \(report.events) events in \(report.cases) cases, written to \(out)")
            print("cursor: \(SourceTimestamp.iso8601(report.cursor.highWaterMark)); fingerprint \(report.fingerprint)")
            if !report.drift.isEmpty {
                print("schema drift: +\(report.drift.added.count) fields, −\(report.drift.removed.count), \(report.drift.retyped.count) retyped")
            }
            if !report.skipped.isEmpty { print("skipped \(report.skipped.count) records (see --format json)") }
        }
    }

    static func date(_ text: String, option: String) throws -> Int64 {
        guard let value = SourceTimestamp.microseconds(text) else {
            throw CLIError.failed("\(option) \"\(text)\" is not an ISO 8601 date or date-time")
        }
        return value
    }

    private static func json(_ value: [String: Int]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
