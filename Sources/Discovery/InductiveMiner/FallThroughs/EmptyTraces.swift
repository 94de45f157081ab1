/// Fall-through "empty traces": when some traces are empty, the model is `X( tau, model of the rest )`.
/// IM applies it whenever an empty trace occurs; IMf only when empty traces are more than the noise
/// threshold's share of the traces, and otherwise drops them.
enum EmptyTraces {
    /// The number of empty traces and the log without them.
    static func split(_ log: VariantLog) -> (emptyCount: Int, rest: VariantLog) {
        let emptyCount = log.count(of: [])
        guard emptyCount > 0 else { return (0, log) }
        var rest = log.emptied()
        for (trace, count) in zip(log.traces, log.counts) where !trace.isEmpty { rest.add(trace, count: count) }
        return (emptyCount, rest)
    }
}
