import EventLog

/// A log compressed to its distinct traces (variants) of integer activity codes, each with a count,
/// in first-seen order — the input of the inductive miners.
///
/// Adding a trace that is already present increases its count (like Python's `Counter.update`);
/// the first-seen order is kept because PM4Py's tie-breaks depend on it.
///
/// ```swift
/// var variants = VariantLog(activityNames: ["a", "b"])
/// variants.add([0, 1], count: 3)
/// variants.add([0], count: 1)
/// ```
public struct VariantLog: Sendable, Hashable {
    /// Activity names indexed by code.
    public let activityNames: [String]
    /// The distinct traces, in first-seen order.
    public private(set) var traces: [[Int32]] = []
    /// How often each trace occurs.
    public private(set) var counts: [Int] = []
    private var position: [[Int32]: Int] = [:]

    /// An empty variant log over the given activity names.
    public init(activityNames: [String]) {
        self.activityNames = activityNames
    }

    /// The variants of `log`, with each case's events in completion-time order (PM4Py's
    /// `project_univariate` sorts by `time:timestamp` only, also in interval logs) and cases visited in the order of their
    /// case identifiers (by Unicode code points, cases without one last), as PM4Py reads a log. Activity codes
    /// are re-numbered so that code order is name order.
    ///
    /// - Complexity: O(events + cases · log cases).
    public init(_ log: EventLog) {
        let ordered = TimeOrderedActivities(log, by: .completion)
        let (names, recode) = Self.sortedCodes(log.activityNames)
        self.init(activityNames: names)
        for c in Self.casesInIdentifierOrder(log) {
            let range = ordered.caseOffsets[c] ..< ordered.caseOffsets[c + 1]
            add(ordered.activityCodes[range].map { recode[Int($0)] }, count: 1)
        }
    }

    /// The number of distinct traces.
    public var variantCount: Int { traces.count }
    /// The number of traces (sum of counts).
    public var traceCount: Int { counts.reduce(0, +) }
    /// True when there is no trace at all.
    public var isEmpty: Bool { traces.isEmpty }

    /// Adds `count` occurrences of `trace`.
    public mutating func add(_ trace: [Int32], count: Int) {
        if let i = position[trace] {
            counts[i] += count
        } else {
            position[trace] = traces.count
            traces.append(trace)
            counts.append(count)
        }
    }

    /// Sets the count of `trace` (adding it when new), as a Python dictionary assignment does.
    mutating func set(_ trace: [Int32], count: Int) {
        if let i = position[trace] { counts[i] = count } else { add(trace, count: count) }
    }

    /// The count of `trace`, or 0.
    public func count(of trace: [Int32]) -> Int {
        position[trace].map { counts[$0] } ?? 0
    }

    /// A log over the same activities with no trace.
    func emptied() -> VariantLog { VariantLog(activityNames: activityNames) }

    /// The distinct activities that occur, in code order.
    public var alphabet: [Int32] {
        var seen = [Bool](repeating: false, count: activityNames.count)
        for trace in traces { for a in trace { seen[Int(a)] = true } }
        return seen.indices.filter { seen[$0] }.map { Int32($0) }
    }

    /// Names sorted by Unicode code points, and the map from old codes to new ones.
    static func sortedCodes(_ names: [String]) -> (names: [String], recode: [Int32]) {
        let order = names.indices.sorted { names[$0].unicodeScalars.lexicographicallyPrecedes(names[$1].unicodeScalars) }
        var recode = [Int32](repeating: 0, count: names.count)
        for (new, old) in order.enumerated() { recode[old] = Int32(new) }
        return (order.map { names[$0] }, recode)
    }

    private static func casesInIdentifierOrder(_ log: EventLog) -> [Int] {
        let ids = (0..<log.caseCount).map { log.caseID($0) }
        return (0..<log.caseCount).sorted { lhs, rhs in
            switch (ids[lhs], ids[rhs]) {
            case let (l?, r?):
                if l == r { return lhs < rhs }
                return l.unicodeScalars.lexicographicallyPrecedes(r.unicodeScalars)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return lhs < rhs
            }
        }
    }
}
