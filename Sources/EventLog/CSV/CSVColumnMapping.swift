/// Which CSV columns hold the case id, activity, timestamps and resource.
///
/// Defaults are PM4Py's column names, so a CSV written by PM4Py (or by ``CSVWriter``) imports with
/// `CSVColumnMapping()`. Every other column becomes an attribute: `case:`-prefixed columns become trace
/// attributes (prefix removed, value from the case's first row), the rest event attributes, each typed by
/// inference (int, float, boolean, date, else string).
///
/// ```swift
/// let mapping = CSVColumnMapping(caseID: "CaseID", activity: "Activity", timestamp: "End", startTimestamp: "Start",
///                                resource: "User")
/// ```
public struct CSVColumnMapping: Hashable, Sendable, Codable {
    /// The case id column (required); stored as the trace's `concept:name`.
    public var caseID: String
    /// The activity column (required); stored as the event's `concept:name`.
    public var activity: String
    /// The (completion) timestamp column, stored as `time:timestamp`; nil when the file has none.
    public var timestamp: String?
    /// An optional start timestamp column, stored as `start_timestamp` (PM4Py's name). When nil, a column
    /// named `start_timestamp`, if present, is used (PM4Py's DFG reads that column when it exists).
    public var startTimestamp: String?
    /// The resource column, stored as `org:resource`. When nil, a column named `org:resource`, if present,
    /// is used.
    public var resource: String?

    public init(caseID: String = "case:concept:name", activity: String = "concept:name",
                timestamp: String? = "time:timestamp", startTimestamp: String? = nil, resource: String? = nil) {
        self.caseID = caseID
        self.activity = activity
        self.timestamp = timestamp
        self.startTimestamp = startTimestamp
        self.resource = resource
    }
}
