extension EventLog {
    /// The cases in which `to` directly follows `from` at least once (`present: true`), or never
    /// (`present: false`).
    ///
    /// ```swift
    /// let reworked = log.filteringDirectlyFollows(from: "Request Customer Data", to: "Check Credit", present: true)
    /// ```
    /// - Complexity: O(events).
    public func filteringDirectlyFollows(from: String, to: String, present: Bool) -> EventLog {
        let a = activityNames.firstIndex(of: from).map(Int32.init)
        let b = activityNames.firstIndex(of: to).map(Int32.init)
        var hasPair = [Bool](repeating: false, count: caseCount)
        if let a, let b {
            forEachDirectlyFollows { x, y, c in
                if x == a && y == b { hasPair[c] = true }
            }
        }
        return selectingCases((0..<caseCount).filter { hasPair[$0] == present })
            .recording("filterDirectlyFollows", parameters: ["from": from, "to": to, "present": String(present)],
                       from: self)
    }
}
