extension EventLog {
    /// Calls `body(from, to, caseIndex)` for every pair of consecutive events within a case, as activity
    /// codes, in log order. Allocates nothing.
    ///
    /// ```swift
    /// log.forEachDirectlyFollows { a, b, _ in print(log.activityNames[Int(a)], "→", log.activityNames[Int(b)]) }
    /// ```
    @inlinable
    public func forEachDirectlyFollows(_ body: (_ from: Int32, _ to: Int32, _ caseIndex: Int) throws -> Void) rethrows {
        try activityCodes.withUnsafeBufferPointer { codes in
            for c in 0..<caseCount {
                let rows = eventRange(ofCase: c)
                guard rows.count > 1 else { continue }
                for row in rows.lowerBound ..< rows.upperBound - 1 {
                    try body(codes[row], codes[row + 1], c)
                }
            }
        }
    }

    /// The directly-follows counts as a flat `n × n` matrix (`n` = number of activities):
    /// entry `from * n + to` counts how often `to` directly follows `from` within a case.
    public func directlyFollowsMatrix() -> [Int] {
        let n = activityNames.count
        var matrix = [Int](repeating: 0, count: n * n)
        forEachDirectlyFollows { from, to, _ in matrix[Int(from) * n + Int(to)] += 1 }
        return matrix
    }

    /// The directly-follows pairs that occur, with their counts, sorted by activity codes.
    public func directlyFollowsPairs() -> [DirectlyFollowsPair] {
        let n = activityNames.count
        let matrix = directlyFollowsMatrix()
        var pairs: [DirectlyFollowsPair] = []
        for (i, count) in matrix.enumerated() where count > 0 {
            pairs.append(DirectlyFollowsPair(from: Int32(i / n), to: Int32(i % n), count: count))
        }
        return pairs
    }
}
