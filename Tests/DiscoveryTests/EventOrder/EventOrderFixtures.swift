import EventLog
import Foundation

/// Small hand-made logs for the event-order rules of docs/eventlog.md, written to temporary files so they go
/// through the same readers as a user's file.
enum EventOrderFixtures {
    /// Writes `text` to a fresh temporary file with the given extension and reads it back.
    static func read(_ text: String, extension ext: String) throws -> EventLog {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracewise-event-order-\(UUID().uuidString).\(ext)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try EventLog(contentsOf: url)
    }

    /// An XES event: activity, completion time and optional start time (`HH:MM:SS` on 2026-01-05, UTC).
    static func event(_ activity: String?, _ completion: String, start: String? = nil) -> String {
        var out = "<event>"
        if let activity { out += "<string key=\"concept:name\" value=\"\(activity)\"/>" }
        if let start { out += "<date key=\"start_timestamp\" value=\"2026-01-05T\(start)Z\"/>" }
        out += "<date key=\"time:timestamp\" value=\"2026-01-05T\(completion)Z\"/></event>"
        return out
    }

    /// An XES log of traces (case id, events).
    static func xes(_ traces: [(String, [String])]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n"
        for (id, events) in traces {
            out += "<trace><string key=\"concept:name\" value=\"\(id)\"/>\n" + events.joined(separator: "\n") + "\n</trace>\n"
        }
        return out + "</log>\n"
    }

    /// The one-trace log a@02:00, b@01:00, c@03:00 of issue 19: file order a b c, time order b a c.
    static var outOfOrderTrace: String {
        xes([("1", [event("a", "02:00:00"), event("b", "01:00:00"), event("c", "03:00:00")])])
    }

    /// An interval log shaped like case C41 of PM4Py's `interval_event_log`: `make delivery` runs
    /// 14:57:58–15:25:47 and `confirm payment` 15:09:11–15:15:00, so start order puts make delivery first
    /// and completion order puts confirm payment first. Case C42 is ordered the same either way.
    static var intervalLog: String {
        xes([
            ("C41", [event("place order", "14:40:00", start: "14:30:00"),
                     event("confirm payment", "15:15:00", start: "15:09:11"),
                     event("make delivery", "15:25:47", start: "14:57:58"),
                     event("send invoice", "15:40:00", start: "15:30:00")]),
            ("C42", [event("place order", "10:10:00", start: "10:00:00"),
                     event("make delivery", "10:40:00", start: "10:20:00"),
                     event("confirm payment", "11:00:00", start: "10:50:00"),
                     event("send invoice", "11:30:00", start: "11:10:00")]),
        ])
    }

    /// The same interval log as a CSV whose start column is named PM4Py's `start_timestamp`, rows of C41 in
    /// completion order.
    static var intervalCSV: String {
        """
        case:concept:name,concept:name,start_timestamp,time:timestamp
        C41,place order,2026-01-05T14:30:00Z,2026-01-05T14:40:00Z
        C41,confirm payment,2026-01-05T15:09:11Z,2026-01-05T15:15:00Z
        C41,make delivery,2026-01-05T14:57:58Z,2026-01-05T15:25:47Z
        C41,send invoice,2026-01-05T15:30:00Z,2026-01-05T15:40:00Z
        C42,place order,2026-01-05T10:00:00Z,2026-01-05T10:10:00Z
        C42,make delivery,2026-01-05T10:20:00Z,2026-01-05T10:40:00Z
        C42,confirm payment,2026-01-05T10:50:00Z,2026-01-05T11:00:00Z
        C42,send invoice,2026-01-05T11:10:00Z,2026-01-05T11:30:00Z

        """
    }
}
