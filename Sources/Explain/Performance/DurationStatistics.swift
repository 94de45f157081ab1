import EventLog

/// Summary statistics of a set of durations in seconds, in the shape reports and narratives use.
///
/// A view of EventLog's `DistributionSummary`, the package's one implementation of sample statistics: the
/// mean and total are correctly rounded, the median of an even count is the mean of the two middle values,
/// and percentiles interpolate linearly between order statistics (NumPy's default), so they agree with
/// pandas and PM4Py.
public struct DurationStatistics: Hashable, Sendable, Codable {
    public var count: Int
    public var totalSeconds: Double
    public var meanSeconds: Double
    public var minSeconds: Double
    public var medianSeconds: Double
    public var p90Seconds: Double
    public var p95Seconds: Double
    public var maxSeconds: Double

    /// Statistics of `values` (all zero when empty).
    /// - Complexity: O(n log n).
    public init(_ values: [Double]) {
        self.init(DistributionSummary(values))
    }

    /// The statistics of a summarised sample.
    public init(_ summary: DistributionSummary) {
        count = summary.count
        totalSeconds = summary.sum
        meanSeconds = summary.mean
        minSeconds = summary.min
        medianSeconds = summary.median
        p90Seconds = summary.percentile(90)
        p95Seconds = summary.percentile(95)
        maxSeconds = summary.max
    }
}
