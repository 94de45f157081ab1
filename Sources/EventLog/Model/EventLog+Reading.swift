import Foundation

extension EventLog {
    /// Reads a log from a file, choosing the reader by extension: `.xes` and `.xes.gz` (XES 1.0/2.0), `.csv`
    /// and `.csv.gz` (with the default ``CSVColumnMapping``; use ``CSVReader`` for other column names).
    ///
    /// ```swift
    /// let log = try EventLog(contentsOf: URL(fileURLWithPath: "bpic2012.xes.gz"))
    /// let sorted = try EventLog(contentsOf: url, options: ImportOptions(sortEventsByTimestamp: true))
    /// ```
    /// In lenient mode the number of skipped problems is recorded in
    /// `provenance.source.options["skippedProblems"]`; use ``XESReader`` to get the problems themselves.
    ///
    /// - Throws: ``EventLogError``: `.unsupportedFormat` for other extensions, `.fileNotFound`, and every
    ///   positioned parse error of the format's reader.
    public init(contentsOf url: URL, options: ImportOptions = ImportOptions()) throws {
        switch LogFileFormat(url: url) {
        case .xes?:
            self = try XESReader(options: options).read(contentsOf: url).log
        case .csv?:
            let csv = CSVImportOptions(lenient: options.lenient)
            let log = try CSVReader(options: csv).read(contentsOf: url).log
            self = options.classifier.map { log.withClassifier($0) } ?? log
        case nil:
            throw EventLogError(.unsupportedFormat,
                                "unknown log format: expected a .xes, .xes.gz, .csv or .csv.gz file",
                                location: .init(file: url.path))
        }
    }
}
