import EventLog
import Foundation

/// Times `EventLogBuilder` building logs of growing size and prints one JSON line per size:
/// `{"events":n,"seconds":s,"nanosecondsPerEvent":x}`. Linear building keeps the time per event flat as the
/// log grows; a builder that copies its columns per row shows it growing with the log.
///
/// Usage: `log-builder-timer [CASES…]` (default 10000 40000 160000; each case has 10 events with activity,
/// timestamp, resource and an integer attribute, plus a case id).
let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
for cases in sizes.isEmpty ? [10_000, 40_000, 160_000] : sizes {
    let start = DispatchTime.now().uptimeNanoseconds
    var builder = EventLogBuilder()
    for c in 0 ..< cases {
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("case-\(c)"))])
        for e in 0 ..< 10 {
            builder.addEvent(activity: "a\(e)", timestamp: Timestamp(microseconds: Int64(c * 10 + e) * 1_000_000),
                             resource: "r\(e % 3)", attributes: [Attribute(key: "cost", value: .int(Int64(e)))])
        }
    }
    let log = builder.build()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    precondition(log.eventCount == cases * 10)
    let line: [String: Any] = ["events": log.eventCount, "seconds": seconds, "nanosecondsPerEvent": seconds * 1e9 / Double(log.eventCount)]
    print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
}
