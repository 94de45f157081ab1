/// Fall-through "tau loop": traces are cut before every occurrence of a start activity (after the first
/// event); if that cuts anything, the log is the body of a loop with a silent redo.
enum TauLoop {
    /// The log of trace pieces, or nil when no trace was cut.
    static func split(_ log: VariantLog) -> VariantLog? {
        var isStart = [Bool](repeating: false, count: log.activityNames.count)
        for trace in log.traces where !trace.isEmpty { isStart[Int(trace[0])] = true }
        return cut(log) { _, next in isStart[Int(next)] }
    }

    /// Cuts each trace between positions `i - 1` and `i` where `boundary` holds.
    static func cut(_ log: VariantLog, at boundary: (Int32, Int32) -> Bool) -> VariantLog? {
        var pieces = log.emptied()
        var cutAnything = false
        for (trace, count) in zip(log.traces, log.counts) {
            var start = 0
            for i in trace.indices.dropFirst() where boundary(trace[i - 1], trace[i]) {
                pieces.add(Array(trace[start..<i]), count: count)
                start = i
                cutAnything = true
            }
            pieces.add(Array(trace[start...]), count: count)
        }
        return cutAnything ? pieces : nil
    }
}
