/// Summary statistics of a sample of numbers (case durations in seconds, events per case, ...).
///
/// Conventions follow NumPy and Python so results compare exactly with PM4Py: the median of an even-sized
/// sample is the mean of the two middle values, percentiles interpolate linearly between closest ranks
/// (NumPy's default), and the mean is correctly rounded (as `statistics.mean`).
public struct DistributionSummary: Hashable, Sendable, Codable {
    /// The sample, sorted ascending.
    public let sorted: [Double]
    /// The correctly rounded arithmetic mean (0 for an empty sample).
    public let mean: Double

    /// Summarises `values`.
    public init(_ values: [Double]) {
        self.sorted = values.sorted()
        self.mean = ExactMean.of(values)
    }

    /// The number of values.
    public var count: Int { sorted.count }
    /// The correctly rounded sum (0 for an empty sample).
    public var sum: Double { ExactMean.sum(sorted) }
    /// The smallest value (0 for an empty sample).
    public var min: Double { sorted.first ?? 0 }
    /// The largest value (0 for an empty sample).
    public var max: Double { sorted.last ?? 0 }
    /// The median (0 for an empty sample).
    public var median: Double {
        let n = sorted.count
        guard n > 0 else { return 0 }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The `p`-th percentile (0...100) with linear interpolation between closest ranks.
    public func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = Swift.min(Swift.max(p, 0), 100) / 100 * Double(sorted.count - 1)
        let lower = Int(position)
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
