extension EventLog {
    /// The cases whose duration (``durationMicroseconds(ofCase:)``, in seconds) lies in `seconds`.
    ///
    /// ```swift
    /// let slow = log.filteringCaseDuration(seconds: 7 * 86_400 ... .infinity)
    /// ```
    /// - Complexity: O(cases).
    public func filteringCaseDuration(seconds: ClosedRange<Double>) -> EventLog {
        selectingCases((0..<caseCount).filter { seconds.contains(Double(durationMicroseconds(ofCase: $0)) / 1_000_000) })
            .recording("filterCaseDuration", parameters: ["minSeconds": String(seconds.lowerBound),
                                                          "maxSeconds": String(seconds.upperBound)], from: self)
    }
}
