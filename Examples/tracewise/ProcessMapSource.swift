import Discovery
import EventLog

/// The process map embedded in `tracewise report`: all activities and the most frequent 40 % of paths
/// (connectivity kept), rendered inline (no XML declaration).
enum ProcessMapSource {
    static func svg(for log: EventLog) -> String? {
        guard log.eventCount > 0 else { return nil }
        let map = ProcessMap(log: log, activityPercentage: 100, pathPercentage: 40)
        return ProcessMapSVGRenderer(xmlDeclaration: false).svg(for: map)
    }
}
