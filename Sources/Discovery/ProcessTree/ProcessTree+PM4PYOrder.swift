extension ProcessTree {
    /// The tree with the children of every exclusive choice and parallel operator ordered as PM4Py's
    /// `tree_sort` orders them: by the sum, over the subtree's visible leaves, of the MD5 digest of the
    /// label read as a 128-bit number (a stable sort, so ties keep their order).
    ///
    /// Together with ``folded`` this reproduces the exact text PM4Py prints for the trees its
    /// inductive miners return, which makes outputs easy to diff against PM4Py.
    public var pm4pyOrdered: ProcessTree { orderedByLabelDigests().tree }

    private func orderedByLabelDigests() -> (tree: ProcessTree, sum: DigestSum) {
        switch self {
        case .activity(let label):
            return (self, DigestSum(digest: MD5.digest(Array(label.utf8))))
        case .silent:
            return (self, DigestSum())
        case .exclusiveChoice, .parallel:
            let ordered = children.map { $0.orderedByLabelDigests() }
            let total = ordered.reduce(DigestSum()) { $0.adding($1.sum) }
            let sorted = ordered.enumerated().sorted { lhs, rhs in
                lhs.element.sum == rhs.element.sum ? lhs.offset < rhs.offset : lhs.element.sum < rhs.element.sum
            }
            return (withChildren(sorted.map(\.element.tree)), total)
        case .sequence, .loop:
            let ordered = children.map { $0.orderedByLabelDigests() }
            let total = ordered.reduce(DigestSum()) { $0.adding($1.sum) }
            return (withChildren(ordered.map(\.tree)), total)
        }
    }
}

/// A sum of 128-bit digests as a 192-bit unsigned number (enough for 2^64 leaves).
private struct DigestSum: Comparable {
    var high: UInt64 = 0, middle: UInt64 = 0, low: UInt64 = 0

    init() {}

    /// Reads a 16-byte digest as a big-endian 128-bit number, as Python's `int(hexdigest, 16)` does.
    init(digest: [UInt8]) {
        for byte in digest[0..<8] { middle = middle << 8 | UInt64(byte) }
        for byte in digest[8..<16] { low = low << 8 | UInt64(byte) }
    }

    func adding(_ other: DigestSum) -> DigestSum {
        var result = DigestSum()
        let (low, lowCarry) = self.low.addingReportingOverflow(other.low)
        let (middle1, carry1) = self.middle.addingReportingOverflow(other.middle)
        let (middle2, carry2) = middle1.addingReportingOverflow(lowCarry ? 1 : 0)
        result.low = low
        result.middle = middle2
        result.high = high &+ other.high &+ (carry1 ? 1 : 0) &+ (carry2 ? 1 : 0)
        return result
    }

    static func < (lhs: DigestSum, rhs: DigestSum) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }
}
