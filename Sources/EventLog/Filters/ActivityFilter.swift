extension EventLog {
    /// The log with only events whose activity is in `activities`; cases left empty are dropped.
    ///
    /// ```swift
    /// let core = log.keepingActivities(["Create Order", "Ship Goods"])
    /// ```
    /// - Complexity: O(events).
    public func keepingActivities(_ activities: Set<String>) -> EventLog {
        let keep = activityMask(activities)
        return selectingEvents { keep[Int(activityCodes[$0])] }
            .recording("keepActivities", parameters: ["activities": FilterParameters.list(activities)], from: self)
    }

    /// The log without the events whose activity is in `activities`; cases left empty are dropped.
    /// - Complexity: O(events).
    public func droppingActivities(_ activities: Set<String>) -> EventLog {
        let drop = activityMask(activities)
        return selectingEvents { !drop[Int(activityCodes[$0])] }
            .recording("dropActivities", parameters: ["activities": FilterParameters.list(activities)], from: self)
    }

    /// Per activity code: whether its name is in `names`.
    func activityMask(_ names: Set<String>) -> [Bool] {
        activityNames.map { names.contains($0) }
    }
}

/// Formats filter parameters for provenance records.
enum FilterParameters {
    /// A sorted, comma-separated list.
    static func list(_ values: Set<String>) -> String {
        values.sorted().joined(separator: ",")
    }
}
