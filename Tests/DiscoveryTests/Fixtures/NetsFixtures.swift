import EventLog

/// Small logs for the net miners and renderers, written by hand.
enum NetsFixtures {
    /// The running example (van der Aalst, Process Mining, 2016): its 6 traces in time order, as
    /// `pm4py.read_xes("running-example.xes")` lists them.
    static let runningExampleTraces: [[String]] = [
        ["register request", "examine casually", "check ticket", "decide", "reinitiate request",
         "examine thoroughly", "check ticket", "decide", "pay compensation"],
        ["register request", "check ticket", "examine casually", "decide", "pay compensation"],
        ["register request", "examine thoroughly", "check ticket", "decide", "reject request"],
        ["register request", "examine casually", "check ticket", "decide", "pay compensation"],
        ["register request", "examine casually", "check ticket", "decide", "reinitiate request", "check ticket",
         "examine casually", "decide", "reinitiate request", "examine casually", "check ticket", "decide",
         "reject request"],
        ["register request", "check ticket", "examine thoroughly", "decide", "reject request"],
    ]

    /// A log of `traces`; event `i` of each trace is stamped `i` hours (plus `durations` if given) after
    /// 2020-01-01, so events stay in the given order.
    static func log(_ traces: [[String]], hoursBetween: (String, String) -> Int64 = { _, _ in 1 }) -> EventLog {
        var builder = EventLogBuilder()
        for (c, trace) in traces.enumerated() {
            builder.startTrace(attributes: [.init(key: "concept:name", value: .string("case \(c)"))])
            var time: Int64 = 1_577_836_800_000_000
            for (i, activity) in trace.enumerated() {
                if i > 0 { time += hoursBetween(trace[i - 1], activity) * 3_600_000_000 }
                builder.addEvent(activity: activity, timestamp: Timestamp(microseconds: time))
            }
            builder.endTrace()
        }
        return builder.build()
    }

    static var runningExample: EventLog { log(runningExampleTraces) }
}
