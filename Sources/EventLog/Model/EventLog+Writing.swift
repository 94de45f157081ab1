import Foundation

extension EventLog {
    /// Writes the log to a file, choosing the writer by extension: `.xes` or `.xes.gz` (gzip), `.csv` or
    /// `.csv.gz` (flat logs only, see ``CSVWriter``).
    ///
    /// ```swift
    /// try log.write(to: URL(fileURLWithPath: "filtered.xes.gz"))
    /// ```
    /// - Throws: ``EventLogError`` `.unsupportedFormat` for other extensions, `.ioError` when writing fails;
    ///   `CancellationError` when the task is cancelled while writing (no file is left).
    public func write(to url: URL) throws {
        switch LogFileFormat(url: url) {
        case .xes?:
            try XESWriter().write(self, to: url)
        case .csv?:
            try CSVWriter().write(self, to: url)
        case nil:
            throw EventLogError(.unsupportedFormat,
                                "unknown log format: expected a .xes, .xes.gz, .csv or .csv.gz file",
                                location: .init(file: url.path))
        }
    }
}
