/// Fall-through "strict tau loop": traces are cut wherever an end activity is directly followed by a start
/// activity; if that cuts anything, the log is the body of a loop with a silent redo.
enum StrictTauLoop {
    /// The log of trace pieces, or nil when no trace was cut.
    static func split(_ log: VariantLog) -> VariantLog? {
        var isStart = [Bool](repeating: false, count: log.activityNames.count)
        var isEnd = [Bool](repeating: false, count: log.activityNames.count)
        for trace in log.traces where !trace.isEmpty {
            isStart[Int(trace[0])] = true
            isEnd[Int(trace[trace.count - 1])] = true
        }
        return TauLoop.cut(log) { previous, next in isEnd[Int(previous)] && isStart[Int(next)] }
    }
}
