/// Fall-through "activity once per trace": an activity that occurs exactly once in every trace can be put
/// in parallel with the rest of the log.
enum ActivityOncePerTrace {
    /// The first activity (in code order) that occurs exactly once in every trace, if any.
    static func candidate(_ log: VariantLog) -> Int32? {
        let alphabet = log.alphabet
        var once = [Bool](repeating: true, count: log.activityNames.count)
        var seen = [Int](repeating: 0, count: log.activityNames.count)
        for trace in log.traces {
            for a in trace { seen[Int(a)] += 1 }
            for a in alphabet where seen[Int(a)] != 1 { once[Int(a)] = false }
            for a in trace { seen[Int(a)] = 0 }
        }
        return alphabet.first { once[Int($0)] }
    }

    /// `+( candidate's log, rest of the log )`.
    static func split(_ log: VariantLog, activity: Int32) -> [VariantLog] {
        var mine = log.emptied()
        var rest = log.emptied()
        for (trace, count) in zip(log.traces, log.counts) {
            mine.add(trace.filter { $0 == activity }, count: count)
            rest.add(trace.filter { $0 != activity }, count: count)
        }
        return [mine, rest]
    }
}
