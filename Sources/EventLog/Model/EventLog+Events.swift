extension EventLog {
    /// The activity name of the event at `row` (under the log's ``classifier``).
    ///
    /// ```swift
    /// for row in log.eventRange(ofCase: 0) {
    ///     print(log.activity(ofEvent: row), log.timestamp(ofEvent: row).map(ISO8601Formatting.format) ?? "-")
    /// }
    /// ```
    public func activity(ofEvent row: Int) -> String {
        activityNames[Int(activityCodes[row])]
    }

    /// The `time:timestamp` of the event at `row` with the UTC offset its source wrote, or nil when it has none.
    public func timestamp(ofEvent row: Int) -> Timestamp? {
        guard case .date(let values, let offsets)? = eventAttributes.column("time:timestamp")?.storage,
              values[row] != Timestamp.missing else { return nil }
        return Timestamp(microseconds: values[row], utcOffsetMinutes: offsets[row] == .min ? nil : offsets[row])
    }

    /// The `org:resource` of the event at `row`, or nil when it has none.
    public func resource(ofEvent row: Int) -> String? {
        let code = resourceCodes[row]
        return code < 0 ? nil : resourceNames[Int(code)]
    }

    /// The activity names of case `caseIndex`, in log order.
    public func activities(ofCase caseIndex: Int) -> [String] {
        eventRange(ofCase: caseIndex).map(activity(ofEvent:))
    }
}
