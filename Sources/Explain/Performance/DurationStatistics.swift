/// Summary statistics of a set of durations in seconds. Percentiles interpolate linearly between order
/// statistics (NumPy's default), so they agree with pandas and PM4Py.
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
        count = values.count
        guard !values.isEmpty else {
            totalSeconds = 0; meanSeconds = 0; minSeconds = 0; medianSeconds = 0
            p90Seconds = 0; p95Seconds = 0; maxSeconds = 0
            return
        }
        let sorted = values.sorted()
        totalSeconds = sorted.reduce(0, +)
        meanSeconds = totalSeconds / Double(count)
        minSeconds = sorted[0]
        maxSeconds = sorted[count - 1]
        medianSeconds = Self.percentile(sorted, 0.5)
        p90Seconds = Self.percentile(sorted, 0.9)
        p95Seconds = Self.percentile(sorted, 0.95)
    }

    /// The `q`-quantile (0...1) of ascending `sorted` values, interpolating linearly.
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
