import ArgumentParser
import EventLog
import Foundation

/// Opens the log files subcommands take (`.xes`, `.xes.gz`, `.csv`, `.csv.gz`).
enum LogInput {
    /// Loads `path`, re-keyed to `classifierKeys` (space- or comma-separated attribute keys, or the name of a
    /// classifier the log declares) when given.
    static func load(_ path: String, classifierKeys: String? = nil) throws -> EventLog {
        let url = URL(fileURLWithPath: path)
        let log = try EventLog(contentsOf: url)
        guard let classifierKeys else { return log }
        return log.withClassifier(classifier(classifierKeys, declared: log.header.classifiers))
    }

    static func classifier(_ text: String, declared: [Classifier]) -> Classifier {
        if let named = declared.first(where: { $0.name == text }) { return named }
        let keys = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        return Classifier(name: keys.joined(separator: "+"), keys: keys)
    }
}
