/// How ``EventLog/filteringTimeRange(from:to:mode:)`` treats cases that cross the range's edges.
public enum TimeRangeMode: String, Hashable, Sendable, Codable {
    /// Keep cases whose every timestamped event lies in the range.
    case contained
    /// Keep cases with at least one event in the range (all their events).
    case intersecting
    /// Keep only the events in the range; cases left empty are dropped.
    case trimEvents
}

extension EventLog {
    /// The log restricted to the time range `from ... to` (UTC microseconds, both inclusive).
    ///
    /// ```swift
    /// let q1 = log.filteringTimeRange(from: start, to: end, mode: .contained)
    /// ```
    /// Events without a timestamp never count as inside; with `.contained` they do not disqualify a case.
    /// - Complexity: O(events).
    public func filteringTimeRange(from start: Timestamp, to end: Timestamp, mode: TimeRangeMode) -> EventLog {
        let lower = start.microseconds, upper = end.microseconds
        let inside = { (t: Int64) in t != Timestamp.missing && t >= lower && t <= upper }
        let result: EventLog
        switch mode {
        case .contained:
            result = selectingCases((0..<caseCount).filter { c in
                let rows = eventRange(ofCase: c)
                return !rows.isEmpty && rows.allSatisfy { timestamps[$0] == Timestamp.missing || inside(timestamps[$0]) }
                    && rows.contains { inside(timestamps[$0]) }
            })
        case .intersecting:
            result = selectingCases((0..<caseCount).filter { c in eventRange(ofCase: c).contains { inside(timestamps[$0]) } })
        case .trimEvents:
            result = selectingEvents { inside(timestamps[$0]) }
        }
        return result.recording("filterTimeRange", parameters: [
            "from": ISO8601Formatting.format(Timestamp(microseconds: lower, utcOffsetMinutes: 0)),
            "to": ISO8601Formatting.format(Timestamp(microseconds: upper, utcOffsetMinutes: 0)),
            "mode": mode.rawValue,
        ], from: self)
    }
}
