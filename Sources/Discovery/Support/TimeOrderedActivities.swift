import EventLog

/// The activity codes and timestamps of a log with each case's events in time order.
///
/// PM4Py sorts every case by timestamp (stably, keeping file order for ties, missing timestamps last)
/// before it counts directly-follows pairs or variants; discovery does the same so that a log whose
/// events were written out of order yields the same graph. When every case is already in order —
/// the usual case — the log's own arrays are shared, not copied.
///
/// - Complexity: O(events) to check the order; O(k log k) per unordered case of k events.
public struct TimeOrderedActivities: Sendable {
    /// CSR offsets of the cases, as in `EventLog.caseOffsets`.
    public let caseOffsets: [Int]
    /// Per event, in time order within each case: the activity code.
    public let activityCodes: [Int32]
    /// Per event, in time order within each case: the timestamp in UTC microseconds or `Timestamp.missing`.
    public let timestamps: [Int64]

    /// Orders the events of `log` by timestamp within each case.
    public init(_ log: EventLog) {
        caseOffsets = log.caseOffsets
        let unordered = Self.unorderedCases(log)
        if unordered.isEmpty {
            activityCodes = log.activityCodes
            timestamps = log.timestamps
            return
        }
        var codes = log.activityCodes
        var times = log.timestamps
        for c in unordered {
            let range = log.eventRange(ofCase: c)
            let order = range.sorted { Self.sortKey(log.timestamps[$0], $0) < Self.sortKey(log.timestamps[$1], $1) }
            for (slot, row) in zip(range, order) {
                codes[slot] = log.activityCodes[row]
                times[slot] = log.timestamps[row]
            }
        }
        activityCodes = codes
        timestamps = times
    }

    /// The number of cases.
    public var caseCount: Int { caseOffsets.count - 1 }

    private static func sortKey(_ time: Int64, _ row: Int) -> (Int64, Int) {
        (time == Timestamp.missing ? .max : time, row)
    }

    private static func unorderedCases(_ log: EventLog) -> [Int] {
        var result: [Int] = []
        log.timestamps.withUnsafeBufferPointer { times in
            for c in 0..<log.caseCount {
                let range = log.eventRange(ofCase: c)
                guard range.count > 1 else { continue }
                var previous = times[range.lowerBound]
                for e in range.dropFirst() {
                    let t = times[e]
                    if (t < previous && t != Timestamp.missing) || (previous == Timestamp.missing && t != Timestamp.missing) {
                        result.append(c)
                        break
                    }
                    previous = t
                }
            }
        }
        return result
    }
}
