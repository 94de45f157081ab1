extension EventLog {
    /// The cases whose number of events lies in `sizes`.
    ///
    /// ```swift
    /// let short = log.filteringCaseSize(1...5)
    /// ```
    /// - Complexity: O(cases).
    public func filteringCaseSize(_ sizes: ClosedRange<Int>) -> EventLog {
        selectingCases((0..<caseCount).filter { sizes.contains(eventRange(ofCase: $0).count) })
            .recording("filterCaseSize", parameters: ["min": String(sizes.lowerBound), "max": String(sizes.upperBound)],
                       from: self)
    }
}
