import ArgumentParser
import EventLog
import Foundation

/// The event log a subcommand reads (`LOG`: `.xes`, `.xes.gz`, `.csv`, `.csv.gz`) and how to read it.
///
/// Every subcommand that reads a log takes this group with `@OptionGroup var input: LogOptions`, so an input
/// option added here (a classifier, a CSV column mapping, a store) reaches all of them at once.
///
/// A CSV's columns are mapped with `--case-column`, `--activity-column`, `--timestamp-column`,
/// `--start-timestamp-column`, `--resource-column` and `--timestamp-format` (PM4Py's `format_dataframe`
/// parameters); its events are stable-sorted by the mapped timestamp within each case, as `format_dataframe`
/// does, unless `--file-order` is given. `--lenient` reads what strict mode rejects and lists every coercion
/// and skip, with its line and column, on stderr.
struct LogOptions: ParsableArguments {
    @Argument(help: "The event log (.xes, .xes.gz, .csv, .csv.gz), or a stored log's name where --store is given.")
    var log: String

    @Option(help: "Attribute keys defining activities (space- or comma-separated), or a declared classifier's name.")
    var classifier: String?

    @Flag(help: "Read what strict mode rejects (odd values, misplaced elements, bad CSV rows), listing each coercion and skip on stderr.")
    var lenient = false

    @Option(help: "CSV: the case id column (default case:concept:name).")
    var caseColumn: String?

    @Option(help: "CSV: the activity column (default concept:name).")
    var activityColumn: String?

    @Option(help: "CSV: the completion timestamp column (default time:timestamp).")
    var timestampColumn: String?

    @Option(help: "CSV: the start timestamp column (default start_timestamp when present).")
    var startTimestampColumn: String?

    @Option(help: "CSV: the resource column (default org:resource when present).")
    var resourceColumn: String?

    @Option(help: "CSV: how timestamps are written: auto, iso8601, epoch-seconds, epoch-milliseconds, or a pattern such as 'dd/MM/yyyy HH:mm'.")
    var timestampFormat: String?

    @Flag(help: "CSV: keep each case's events in file order instead of sorting them by timestamp.")
    var fileOrder = false

    @Flag(help: "Print one JSON line on stderr at the end: {\"timings\":{\"import\":s,\"compute\":s,\"output\":s}}.")
    var timings = false

    /// The log file's name (`order-to-cash.xes.gz`), which reports use as the log's title.
    var fileName: String { URL(fileURLWithPath: log).lastPathComponent }

    func validate() throws {
        let csvOptions = [caseColumn, activityColumn, timestampColumn, startTimestampColumn, resourceColumn, timestampFormat]
        if LogFileFormat(url: URL(fileURLWithPath: log)) == .xes && (csvOptions.contains { $0 != nil } || fileOrder) {
            throw ValidationError("the CSV options (--case-column, --timestamp-format, --file-order, ...) apply to .csv logs only")
        }
    }

    /// Reads the log as the analyses see it: PM4Py's view, without events lacking an activity and without empty
    /// cases (docs/eventlog.md, "Event order"); what was left out is noted on stderr.
    func load() throws -> EventLog {
        let read = try loadAsWritten()
        let analysed = read.droppingEventsWithoutActivity()
        if analysed.eventCount != read.eventCount || analysed.caseCount != read.caseCount {
            Self.note("left out \(read.eventsWithoutActivityCount) events without an activity and "
                + "\(read.caseCount - analysed.caseCount) cases left without events, as PM4Py does (docs/eventlog.md)")
        }
        return analysed
    }

    /// Reads every case and event of the log (for conversion), re-keyed to `--classifier` when given.
    func loadAsWritten() throws -> EventLog {
        if timings { PhaseTimings.shared.request() }
        return try PhaseTimings.shared.measureImport(read)
    }

    private func read() throws -> EventLog {
        let url = URL(fileURLWithPath: log)
        let eventLog: EventLog
        let problems: [String]
        switch LogFileFormat(url: url) {
        case .csv?:
            let result = try CSVReader(options: try csvOptions(), progress: ProgressDisplay.shared.handler).read(contentsOf: url)
            (eventLog, problems) = (result.log, result.problems.map { "skipped \($0.skipped): \($0.error.detailedDescription)" })
        default:
            let result = try XESReader(options: ImportOptions(lenient: lenient), progress: ProgressDisplay.shared.handler).read(contentsOf: url)
            (eventLog, problems) = (result.log, result.problems.map(\.description))
        }
        for problem in problems { Self.note(problem) }
        if !problems.isEmpty { Self.note("\(problems.count) coercions and skips in \(fileName)") }
        return try classified(eventLog)
    }

    /// `eventLog` (read from a file or a store) re-keyed to `--classifier` when given.
    func classified(_ eventLog: EventLog) throws -> EventLog {
        guard let classifier else { return eventLog }
        return eventLog.withClassifier(Self.classifier(classifier, declared: eventLog.header.classifiers))
    }

    /// The CSV import options the flags describe.
    func csvOptions() throws -> CSVImportOptions {
        var mapping = CSVColumnMapping()
        if let caseColumn { mapping.caseID = caseColumn }
        if let activityColumn { mapping.activity = activityColumn }
        if let timestampColumn { mapping.timestamp = timestampColumn }
        if let startTimestampColumn { mapping.startTimestamp = startTimestampColumn }
        if let resourceColumn { mapping.resource = resourceColumn }
        var options = CSVImportOptions(mapping: mapping, lenient: lenient, sortEventsByTimestamp: !fileOrder)
        if let timestampFormat { options.timestampFormat = Self.timestampFormat(timestampFormat) }
        return options
    }

    private static func timestampFormat(_ text: String) -> CSVTimestampFormat {
        switch text.lowercased() {
        case "auto", "automatic": .automatic
        case "iso8601", "iso": .iso8601
        case "epoch-seconds", "epoch", "seconds": .epochSeconds
        case "epoch-milliseconds", "epoch-ms", "milliseconds": .epochMilliseconds
        default: .pattern(text)
        }
    }

    private static func note(_ text: String) {
        FileHandle.standardError.write(Data(("note: " + text + "\n").utf8))
    }

    /// The classifier `text` names: a declared classifier of that name, else the attribute keys it lists.
    private static func classifier(_ text: String, declared: [Classifier]) -> Classifier {
        if let named = declared.first(where: { $0.name == text }) { return named }
        let keys = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        return Classifier(name: keys.joined(separator: "+"), keys: keys)
    }
}
