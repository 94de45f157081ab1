extension EventLog {
    /// The cases whose first event's activity is in `activities`.
    ///
    /// ```swift
    /// let proper = log.filteringStartActivities(["Create Order"])
    /// ```
    /// - Complexity: O(cases).
    public func filteringStartActivities(_ activities: Set<String>) -> EventLog {
        let allowed = activityMask(activities)
        return selectingCases((0..<caseCount).filter { c in
            eventRange(ofCase: c).first.map { allowed[Int(activityCodes[$0])] } ?? false
        }).recording("filterStartActivities", parameters: ["activities": FilterParameters.list(activities)], from: self)
    }

    /// The cases whose last event's activity is in `activities`.
    /// - Complexity: O(cases).
    public func filteringEndActivities(_ activities: Set<String>) -> EventLog {
        let allowed = activityMask(activities)
        return selectingCases((0..<caseCount).filter { c in
            eventRange(ofCase: c).last.map { allowed[Int(activityCodes[$0])] } ?? false
        }).recording("filterEndActivities", parameters: ["activities": FilterParameters.list(activities)], from: self)
    }
}
