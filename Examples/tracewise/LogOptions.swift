import ArgumentParser
import EventLog
import Foundation

/// The event log a subcommand reads (`LOG`: `.xes`, `.xes.gz`, `.csv`, `.csv.gz`) and how to read it.
///
/// Every subcommand that reads a log takes this group with `@OptionGroup var input: LogOptions`, so an input
/// option added here (a classifier, a CSV column mapping, a store) reaches all of them at once.
struct LogOptions: ParsableArguments {
    @Argument(help: "The event log (.xes, .xes.gz, .csv, .csv.gz).")
    var log: String

    @Option(help: "Attribute keys defining activities (space- or comma-separated), or a declared classifier's name.")
    var classifier: String?

    /// The log file's name (`order-to-cash.xes.gz`), which reports use as the log's title.
    var fileName: String { URL(fileURLWithPath: log).lastPathComponent }

    /// Reads the log, re-keyed to `--classifier` when given.
    func load() throws -> EventLog {
        let eventLog = try EventLog(contentsOf: URL(fileURLWithPath: log))
        guard let classifier else { return eventLog }
        return eventLog.withClassifier(Self.classifier(classifier, declared: eventLog.header.classifiers))
    }

    /// The classifier `text` names: a declared classifier of that name, else the attribute keys it lists.
    private static func classifier(_ text: String, declared: [Classifier]) -> Classifier {
        if let named = declared.first(where: { $0.name == text }) { return named }
        let keys = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        return Classifier(name: keys.joined(separator: "+"), keys: keys)
    }
}
