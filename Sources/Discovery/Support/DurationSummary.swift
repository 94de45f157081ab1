/// Count, total, minimum, maximum and median of a set of integer durations (microseconds), with the conventions
/// of EventLog's ``DistributionSummary`` (the median of an even count is the mean of the two middle values), found
/// by selection rather than by sorting: the median comes from Hoare's quickselect (median-of-three pivots, expected
/// O(n)), which on large logs is several times faster than sorting every edge's durations. It is the performance
/// DFG's hot path; everything else summarises samples with ``DistributionSummary``.
struct DurationSummary {
    let count: Int
    let total: Double
    let minimum: Int64
    let maximum: Int64
    /// The middle value; the mean of the two middle values for an even count (as pandas computes it).
    let median: Double

    /// Summarises `values`, which must not be empty; their order is changed.
    init(reordering values: UnsafeMutableBufferPointer<Int64>) {
        precondition(!values.isEmpty)
        count = values.count
        var sum = 0.0
        var low = Int64.max, high = Int64.min
        for value in values {
            sum += Double(value)
            low = min(low, value)
            high = max(high, value)
        }
        total = sum
        minimum = low
        maximum = high
        let middle = count / 2
        let upper = Self.select(middle, in: values)
        if count % 2 == 1 {
            median = Double(upper)
        } else {
            let lower = values[..<middle].max()!
            median = (Double(lower) + Double(upper)) / 2
        }
    }

    /// Rearranges `values` so that position `k` holds the value a sort would put there, everything before
    /// it is not larger and everything after it not smaller; returns that value. Falls back to sorting the
    /// remaining range if the pivots keep splitting badly, so the worst case stays O(n log n).
    private static func select(_ k: Int, in values: UnsafeMutableBufferPointer<Int64>) -> Int64 {
        var low = 0, high = values.count - 1
        var budget = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
        while high > low {
            if budget == 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: values[low...high])
                rest.sort()
                return values[k]
            }
            budget -= 1
            let pivot = medianOfThree(values, low, low + (high - low) / 2, high)
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return values[k]
            }
        }
        return values[k]
    }

    private static func medianOfThree(_ values: UnsafeMutableBufferPointer<Int64>, _ a: Int, _ b: Int, _ c: Int) -> Int64 {
        if values[b] < values[a] { values.swapAt(a, b) }
        if values[c] < values[a] { values.swapAt(a, c) }
        if values[c] < values[b] { values.swapAt(b, c) }
        return values[b]
    }
}
