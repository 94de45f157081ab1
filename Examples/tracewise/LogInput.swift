import ArgumentParser
import EventLog
import Foundation

/// Opens the log files subcommands take, choosing the importer by extension (`.csv`, `.csv.gz` → CSV).
enum LogInput {
    static func isCSV(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz")
    }

    /// Loads `path`, re-keyed to `classifierKeys` (space- or comma-separated attribute keys, or the name of a
    /// classifier the log declares) when given.
    static func load(_ path: String, classifierKeys: String? = nil) throws -> EventLog {
        let url = URL(fileURLWithPath: path)
        let log: EventLog
        if isCSV(path) {
            log = try CSVImporter().importLog(contentsOf: url).log
        } else {
            throw EventLogError(.unsupportedFormat, "only CSV logs are readable in this build",
                                location: .init(file: path))
        }
        guard let classifierKeys else { return log }
        return log.withClassifier(classifier(classifierKeys, declared: log.header.classifiers))
    }

    static func classifier(_ text: String, declared: [Classifier]) -> Classifier {
        if let named = declared.first(where: { $0.name == text }) { return named }
        let keys = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        return Classifier(name: keys.joined(separator: "+"), keys: keys)
    }
}
