extension EventLog {
    /// The cases of the `k` most frequent variants (in ``Variant/precedes(_:_:)`` order), in log order.
    ///
    /// ```swift
    /// let mainstream = log.keepingTopVariants(10)
    /// ```
    /// - Complexity: O(events) plus sorting the variants.
    public func keepingTopVariants(_ k: Int) -> EventLog {
        let index = VariantIndex(self)
        let kept = Set(index.sortedVariantIDs.prefix(max(0, k)))
        return selectingCases((0..<caseCount).filter { kept.contains(index.variantOfCase[$0]) })
            .recording("keepTopVariants", parameters: ["k": String(k)], from: self)
    }

    /// The cases of the most frequent variants that together cover at least `percent` % of the cases
    /// (the smallest such prefix of the sorted variants).
    /// - Complexity: O(events) plus sorting the variants.
    public func keepingVariants(coverage percent: Double) -> EventLog {
        let index = VariantIndex(self)
        let target = Double(caseCount) * min(max(percent, 0), 100) / 100
        var covered = 0
        var kept = Set<Int32>()
        for id in index.sortedVariantIDs where Double(covered) < target {
            kept.insert(id)
            covered += index.count(of: id)
        }
        return selectingCases((0..<caseCount).filter { kept.contains(index.variantOfCase[$0]) })
            .recording("keepVariantsByCoverage", parameters: ["percent": String(percent)], from: self)
    }
}
