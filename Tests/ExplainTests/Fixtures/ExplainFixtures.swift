import EventLog

/// Small hand-built logs with hand-computed timings, shared by the Explain tests.
enum ExplainFixtures {
    static let hour: Int64 = 3_600_000_000
    /// Monday 2024-01-01 00:00 UTC in µs.
    static let monday: Int64 = ISO8601Formatting.daysFromCivil(year: 2024, month: 1, day: 1) * 86_400_000_000

    static func at(_ hours: Double) -> Timestamp {
        Timestamp(microseconds: monday + Int64(hours * 3_600_000_000))
    }

    /// Two cases without lifecycle data:
    /// - c1: register 09:00 ann, check 10:00 bob, decide 13:00 ann, check 15:00 bob, close 16:00 ann
    /// - c2: register 33:00 (Tue 09:00) ann, check 35:00 bob, decide 36:00 cat
    static func simple() -> EventLog {
        var b = EventLogBuilder()
        b.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c1")),
                                  Attribute(key: "amount", value: .float(1000)),
                                  Attribute(key: "channel", value: .string("web"))])
        b.addEvent(activity: "register", timestamp: at(9), resource: "ann")
        b.addEvent(activity: "check", timestamp: at(10), resource: "bob")
        b.addEvent(activity: "decide", timestamp: at(13), resource: "ann")
        b.addEvent(activity: "check", timestamp: at(15), resource: "bob")
        b.addEvent(activity: "close", timestamp: at(16), resource: "ann")
        b.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c2")),
                                  Attribute(key: "amount", value: .float(50)),
                                  Attribute(key: "channel", value: .string("phone"))])
        b.addEvent(activity: "register", timestamp: at(33), resource: "ann")
        b.addEvent(activity: "check", timestamp: at(35), resource: "bob")
        b.addEvent(activity: "decide", timestamp: at(36), resource: "cat")
        return b.build()
    }

    /// One case with lifecycle pairs: a start 09:00, a complete 10:00; b start 12:00, b complete 12:30;
    /// c complete 13:00 (no start).
    static func lifecycle() -> EventLog {
        var b = EventLogBuilder()
        b.startTrace(attributes: [Attribute(key: "concept:name", value: .string("L1"))])
        b.addEvent(activity: "a", timestamp: at(9), resource: "ann", lifecycle: "start")
        b.addEvent(activity: "a", timestamp: at(10), resource: "ann", lifecycle: "complete")
        b.addEvent(activity: "b", timestamp: at(12), resource: "bob", lifecycle: "start")
        b.addEvent(activity: "b", timestamp: at(12.5), resource: "bob", lifecycle: "complete")
        b.addEvent(activity: "c", timestamp: at(13), resource: "bob", lifecycle: "complete")
        return b.build()
    }
}
