import EventLog

/// The activity codes and timestamps of a log with each case's events in time order.
///
/// PM4Py sorts every case by time (stably, keeping file order for ties, missing timestamps last) before it
/// counts directly-follows pairs or builds the variants the inductive miners read; discovery does the same
/// so that a log whose events were written out of order yields the same graph. Two sort keys exist,
/// because PM4Py uses two (see docs/eventlog.md, "Event order"):
///
/// - ``SortKey/startThenCompletion`` (directly-follows graphs, Alpha, Heuristics, process maps): by the
///   event's `start_timestamp`, then its `time:timestamp`, when the log has a `start_timestamp` column;
///   by `time:timestamp` alone otherwise.
/// - ``SortKey/completion`` (the inductive miners' variants): by `time:timestamp` alone.
///
/// Start and end activities are not taken from this order: they are the first and last events of each case
/// in file order (``fileOrderActivityCodes``), as PM4Py's `get_start_activities` reads them.
/// When every case is already in order — the usual case — the log's own arrays are shared, not copied.
///
/// ```swift
/// let ordered = TimeOrderedActivities(log)                 // start, then completion
/// let dfg = DirectlyFollowsGraph(ordered, activityNames: log.activityNames)
/// ```
/// - Complexity: O(events) to check the order; O(k log k) per unordered case of k events.
public struct TimeOrderedActivities: Sendable {
    /// Which timestamps order the events of a case.
    public enum SortKey: Sendable, Hashable {
        /// `start_timestamp`, then `time:timestamp` (PM4Py's `get_dfg_graph`); `time:timestamp` alone when
        /// the log has no `start_timestamp` column.
        case startThenCompletion
        /// `time:timestamp` alone (PM4Py's `project_univariate`, which feeds the inductive miners).
        case completion
    }

    /// CSR offsets of the cases, as in `EventLog.caseOffsets`.
    public let caseOffsets: [Int]
    /// Per event, in time order within each case: the activity code.
    public let activityCodes: [Int32]
    /// Per event, in time order within each case: the timestamp in UTC microseconds or `Timestamp.missing`.
    public let timestamps: [Int64]
    /// Per event, in time order within each case: the `start_timestamp` in UTC microseconds
    /// (`Timestamp.missing` when the event has none); equal to ``timestamps`` when the log has no
    /// `start_timestamp` column.
    public let startTimestamps: [Int64]
    /// The log's activity codes in file order (shared, not copied): start and end activities are read
    /// from here.
    public let fileOrderActivityCodes: [Int32]

    /// The name of the start timestamp attribute (PM4Py's `start_timestamp`).
    public static let startTimestampKey = "start_timestamp"

    /// Orders the events of `log` within each case by `key`.
    public init(_ log: EventLog, by key: SortKey = .startThenCompletion) {
        caseOffsets = log.caseOffsets
        fileOrderActivityCodes = log.activityCodes
        let starts = Self.startColumn(log)
        let primary = key == .startThenCompletion ? starts : nil
        let unordered = Self.unorderedCases(log, primary: primary)
        if unordered.isEmpty {
            activityCodes = log.activityCodes
            timestamps = log.timestamps
            startTimestamps = starts ?? log.timestamps
            return
        }
        var codes = log.activityCodes
        var times = log.timestamps
        var startTimes = starts ?? []
        for c in unordered {
            let range = log.eventRange(ofCase: c)
            let order = range.sorted { Self.sortKey(log, primary, $0) < Self.sortKey(log, primary, $1) }
            for (slot, row) in zip(range, order) {
                codes[slot] = log.activityCodes[row]
                times[slot] = log.timestamps[row]
                if let starts { startTimes[slot] = starts[row] }
            }
        }
        activityCodes = codes
        timestamps = times
        startTimestamps = starts == nil ? times : startTimes
    }

    /// The number of cases.
    public var caseCount: Int { caseOffsets.count - 1 }

    /// Missing timestamps sort last, as pandas' `sort_values` puts NaT last.
    private static func rank(_ time: Int64) -> Int64 { time == Timestamp.missing ? .max : time }

    private static func sortKey(_ log: EventLog, _ primary: [Int64]?, _ row: Int) -> (Int64, Int64, Int) {
        (primary.map { rank($0[row]) } ?? 0, rank(log.timestamps[row]), row)
    }

    /// The `start_timestamp` of every event, or nil when the log has no such column.
    private static func startColumn(_ log: EventLog) -> [Int64]? {
        guard let column = log.eventAttributes.column(startTimestampKey) else { return nil }
        if case .date(let values, _) = column.storage { return values }
        return (0..<log.eventCount).map { row in
            if case .date(let t)? = column[row] { return t.microseconds }
            return Timestamp.missing
        }
    }

    private static func unorderedCases(_ log: EventLog, primary: [Int64]?) -> [Int] {
        var result: [Int] = []
        for c in 0..<log.caseCount {
            let range = log.eventRange(ofCase: c)
            guard range.count > 1 else { continue }
            for e in range.dropFirst() where sortKey(log, primary, e - 1) > sortKey(log, primary, e) {
                result.append(c)
                break
            }
        }
        return result
    }
}
