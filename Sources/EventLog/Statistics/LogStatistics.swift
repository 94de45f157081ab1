/// The descriptive statistics of a log, as PM4Py reports them: cases, events, activity counts, start and end
/// activities, variants, case durations and events per case.
///
/// Everything is computed once, on integer activity codes; names appear only in the results.
///
/// ```swift
/// let stats = LogStatistics(log)
/// print(stats.caseCount, stats.eventCount)
/// for variant in stats.variants.prefix(3) {
///     print(variant.count, variant.activities.joined(separator: " → "))
/// }
/// print(stats.caseDurations.median, stats.caseDurations.percentile(90))
/// ```
/// - Complexity: O(events) plus sorting variants and durations.
public struct LogStatistics: Sendable {
    /// The number of cases.
    public let caseCount: Int
    /// The number of events.
    public let eventCount: Int
    /// Activity names, indexed by the log's activity codes.
    public let activityNames: [String]
    /// Per activity code: the number of events with that activity.
    public let activityCountsByCode: [Int]
    /// Per activity code: the number of cases starting with that activity.
    public let startCountsByCode: [Int]
    /// Per activity code: the number of cases ending with that activity.
    public let endCountsByCode: [Int]
    /// The cases grouped by activity sequence.
    public let variantIndex: VariantIndex
    /// Every variant, count descending then lexicographically by activity names (PM4Py's order).
    public let variants: [Variant]
    /// Case durations in seconds: last event's timestamp minus first event's, in trace order
    /// (PM4Py's definition). Cases without two timestamps count as 0.
    public let caseDurations: DistributionSummary
    /// The number of events per case.
    public let eventsPerCase: DistributionSummary

    /// Computes the statistics of `log` under its classifier.
    public init(_ log: EventLog) {
        caseCount = log.caseCount
        eventCount = log.eventCount
        activityNames = log.activityNames
        let activityCount = log.activityNames.count
        var counts = [Int](repeating: 0, count: activityCount)
        for code in log.activityCodes { counts[Int(code)] += 1 }
        var starts = [Int](repeating: 0, count: activityCount)
        var ends = [Int](repeating: 0, count: activityCount)
        var durations = [Double]()
        durations.reserveCapacity(log.caseCount)
        var sizes = [Double]()
        sizes.reserveCapacity(log.caseCount)
        for c in 0..<log.caseCount {
            let rows = log.eventRange(ofCase: c)
            sizes.append(Double(rows.count))
            durations.append(Double(log.durationMicroseconds(ofCase: c)) / 1_000_000)
            guard !rows.isEmpty else { continue }
            starts[Int(log.activityCodes[rows.lowerBound])] += 1
            ends[Int(log.activityCodes[rows.upperBound - 1])] += 1
        }
        activityCountsByCode = counts
        startCountsByCode = starts
        endCountsByCode = ends
        variantIndex = VariantIndex(log)
        variants = variantIndex.variants(names: log.activityNames)
        caseDurations = DistributionSummary(durations)
        eventsPerCase = DistributionSummary(sizes)
    }

    /// Events per activity name.
    public var activities: [String: Int] { named(activityCountsByCode) }
    /// Cases per first activity name.
    public var startActivities: [String: Int] { named(startCountsByCode) }
    /// Cases per last activity name.
    public var endActivities: [String: Int] { named(endCountsByCode) }

    private func named(_ counts: [Int]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (code, count) in counts.enumerated() where count > 0 { result[activityNames[code]] = count }
        return result
    }
}

extension EventLog {
    /// The duration of case `caseIndex` in microseconds: last event's timestamp minus first event's,
    /// in trace order; 0 when either is missing or the case is empty.
    public func durationMicroseconds(ofCase caseIndex: Int) -> Int64 {
        let rows = eventRange(ofCase: caseIndex)
        guard let first = rows.first, let last = rows.last else { return 0 }
        let start = timestamps[first], end = timestamps[last]
        guard start != Timestamp.missing, end != Timestamp.missing else { return 0 }
        return end - start
    }
}
