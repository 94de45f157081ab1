/// Groups a log's cases by their activity-code sequence: each case gets a dense variant id.
///
/// Variant ids are assigned in order of first appearance; ``sortedVariantIDs`` gives the PM4Py order
/// (count descending, then activity names). Algorithms that work per variant (discovery, alignments)
/// use it to process each distinct sequence once.
///
/// ```swift
/// let index = VariantIndex(log)
/// for id in index.sortedVariantIDs { print(index.count(of: id), index.sequence(of: id)) }
/// ```
/// - Complexity: O(events) expected time; one hash of each case's code sequence.
public struct VariantIndex: Sendable {
    /// Per case: its variant id.
    public let variantOfCase: [Int32]
    /// Per variant id: the first case that follows it.
    public let representativeCase: [Int]
    /// Per variant id: the number of cases.
    public let counts: [Int]
    /// Variant ids ordered count descending, then lexicographically by activity names.
    public let sortedVariantIDs: [Int32]
    private let activityCodes: [Int32]
    private let caseOffsets: [Int]

    public init(_ log: EventLog) {
        var idBySequence: [ArraySlice<Int32>: Int32] = [:]
        var variantOfCase = [Int32](repeating: 0, count: log.caseCount)
        var representatives: [Int] = []
        var counts: [Int] = []
        let codes = log.activityCodes
        for c in 0..<log.caseCount {
            let sequence = codes[log.eventRange(ofCase: c)]
            if let id = idBySequence[sequence] {
                variantOfCase[c] = id
                counts[Int(id)] += 1
            } else {
                let id = Int32(representatives.count)
                idBySequence[sequence] = id
                variantOfCase[c] = id
                representatives.append(c)
                counts.append(1)
            }
        }
        self.variantOfCase = variantOfCase
        self.representativeCase = representatives
        self.counts = counts
        self.activityCodes = codes
        self.caseOffsets = log.caseOffsets
        self.sortedVariantIDs = VariantIndex.sortedIDs(counts: counts, representatives: representatives,
                                                       codes: codes, offsets: log.caseOffsets,
                                                       names: log.activityNames)
    }

    /// The number of distinct variants.
    public var variantCount: Int { counts.count }

    /// The number of cases following variant `id`.
    public func count(of id: Int32) -> Int { counts[Int(id)] }

    /// The activity codes of variant `id`.
    public func sequence(of id: Int32) -> ArraySlice<Int32> {
        let c = representativeCase[Int(id)]
        return activityCodes[caseOffsets[c] ..< caseOffsets[c + 1]]
    }

    /// Every variant with activity names, in the sorted order.
    public func variants(names: [String]) -> [Variant] {
        sortedVariantIDs.map { id in
            Variant(activities: sequence(of: id).map { names[Int($0)] }, count: counts[Int(id)])
        }
    }

    private static func sortedIDs(counts: [Int], representatives: [Int], codes: [Int32], offsets: [Int],
                                  names: [String]) -> [Int32] {
        let rank = nameRanks(names)
        return (0..<Int32(counts.count)).sorted { a, b in
            let ca = counts[Int(a)], cb = counts[Int(b)]
            if ca != cb { return ca > cb }
            let ra = representatives[Int(a)], rb = representatives[Int(b)]
            let sa = codes[offsets[ra] ..< offsets[ra + 1]], sb = codes[offsets[rb] ..< offsets[rb + 1]]
            return sa.lexicographicallyPrecedes(sb) { rank[Int($0)] < rank[Int($1)] }
        }
    }

    /// Per activity code: its position when names are sorted by Unicode scalar values.
    private static func nameRanks(_ names: [String]) -> [Int] {
        let order = names.indices.sorted { names[$0].unicodeScalars.lexicographicallyPrecedes(names[$1].unicodeScalars) }
        var rank = [Int](repeating: 0, count: names.count)
        for (position, code) in order.enumerated() { rank[code] = position }
        return rank
    }
}
