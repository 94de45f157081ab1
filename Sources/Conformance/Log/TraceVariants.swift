import EventLog

/// The distinct activity sequences of a log with the cases that follow each, so conformance work is done
/// once per variant.
///
/// Variants are ordered by decreasing case count, then by first occurrence.
package struct TraceVariants: Sendable {
    /// Activity codes (indexes into the log's `activityNames`) of each variant.
    package let sequences: [[Int32]]
    /// The cases of each variant, in log order.
    package let cases: [[Int]]
    /// Per case: its variant.
    package let variantOfCase: [Int]

    package init(_ log: EventLog) {
        var index: [[Int32]: Int] = [:]
        var sequences: [[Int32]] = []
        var cases: [[Int]] = []
        for c in 0..<log.caseCount {
            let sequence = Array(log.activityCodes[log.eventRange(ofCase: c)])
            if let v = index[sequence] {
                cases[v].append(c)
            } else {
                index[sequence] = sequences.count
                sequences.append(sequence)
                cases.append([c])
            }
        }
        let sizes = cases.map(\.count)
        let order = (0..<sequences.count).sorted { (a: Int, b: Int) -> Bool in
            sizes[a] != sizes[b] ? sizes[a] > sizes[b] : a < b
        }
        self.sequences = order.map { sequences[$0] }
        self.cases = order.map { cases[$0] }
        var variantOfCase = Array(repeating: 0, count: log.caseCount)
        for (v, members) in self.cases.enumerated() {
            for c in members { variantOfCase[c] = v }
        }
        self.variantOfCase = variantOfCase
    }

    /// The number of variants.
    package var count: Int { sequences.count }

    /// Maps the log's activity codes to the net's label codes (-1 for activities no transition carries).
    package static func labelCodes(for log: EventLog, in net: CompiledNet) -> [Int32] {
        var byName: [String: Int32] = [:]
        for (code, name) in net.labelNames.enumerated() { byName[name] = Int32(code) }
        return log.activityNames.map { byName[$0] ?? -1 }
    }
}
