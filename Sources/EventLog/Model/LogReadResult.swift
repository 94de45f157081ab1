/// What a log reader returns: the log, and what a lenient read skipped.
///
/// ``XESReader`` and ``CSVReader`` both return it, so code that reads either format handles problems
/// the same way:
///
/// ```swift
/// let result = try CSVReader(options: CSVImportOptions(lenient: true)).read(contentsOf: url)
/// for problem in result.problems { print(problem) }   // skipped row: invalidTimestamp: … (row 3)
/// print(result.log.caseCount)
/// ```
public struct LogReadResult: Sendable {
    /// The log that was read.
    public var log: EventLog
    /// One entry per skipped item (always empty unless the read was lenient).
    public var problems: [ImportProblem]

    public init(log: EventLog, problems: [ImportProblem] = []) {
        self.log = log
        self.problems = problems
    }
}
