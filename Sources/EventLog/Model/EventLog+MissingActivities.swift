extension EventLog {
    /// The number of events with no value for any of the classifier's keys (an XES event without
    /// `concept:name`). The log keeps them, under the activity name `""`; PM4Py's dataframe drops them.
    public var eventsWithoutActivityCount: Int {
        let missing = missingActivityRows()
        return missing.isEmpty ? 0 : missing.reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// The number of cases without any event (an empty `<trace/>`).
    public var emptyCaseCount: Int {
        (0..<caseCount).reduce(0) { $0 + (caseOffsets[$1] == caseOffsets[$1 + 1] ? 1 : 0) }
    }

    /// The log as PM4Py's dataframe sees it: events without an activity (no value for any classifier key)
    /// dropped, then cases without events dropped — including empty traces of the file. The result is
    /// `self` when there is nothing to drop; otherwise a provenance step `dropEventsWithoutActivity`
    /// records the cases and events before and after.
    ///
    /// Every analysis command of `tracewise` (stats, dfg, discover, align, …) reads this view, so their
    /// counts agree with each other and with PM4Py; importing and exporting keep everything.
    ///
    /// ```swift
    /// let analysed = log.droppingEventsWithoutActivity()
    /// print(log.eventCount - analysed.eventCount, "events left out")
    /// ```
    /// - Complexity: O(events).
    public func droppingEventsWithoutActivity() -> EventLog {
        let missing = missingActivityRows()
        guard !missing.isEmpty || emptyCaseCount > 0 else { return self }
        let kept = missing.isEmpty ? selectingEvents { _ in true } : selectingEvents { !missing[$0] }
        return kept.recording("dropEventsWithoutActivity", parameters: ["classifier": classifier.keys.joined(separator: " ")],
                              from: self)
    }

    /// Per event, true when it has no value for any classifier key; empty when every event has an activity.
    private func missingActivityRows() -> [Bool] {
        let columns = classifier.keys.compactMap { eventAttributes.column($0) }
        guard !columns.isEmpty else { return Array(repeating: true, count: eventCount) }
        var missing: [Bool] = []
        for row in 0..<eventCount where !columns.contains(where: { $0.hasValue(at: row) }) {
            if missing.isEmpty { missing = Array(repeating: false, count: eventCount) }
            missing[row] = true
        }
        return missing
    }
}
