import EventLog

/// A process map as Disco and Celonis show it: activities with their frequencies, directly-follows paths
/// with frequency and mean duration, and artificial start and end nodes joined to the start and end
/// activities.
///
/// Build one from a log with ``init(log:activityPercentage:pathPercentage:)`` (see
/// ``ProcessMapSimplification`` for what the percentages keep), then render it with
/// ``ProcessMapSVGRenderer`` or export it to Graphviz with ``dot()``.
///
/// ```swift
/// let map = ProcessMap(log: log, activityPercentage: 80, pathPercentage: 50)
/// try ProcessMapSVGRenderer().svg(for: map).write(to: url, atomically: true, encoding: .utf8)
/// ```
public struct ProcessMap: Hashable, Sendable {
    /// An end of a path: the artificial start, the artificial end, or an activity code.
    public enum Endpoint: Hashable, Sendable, Comparable {
        case start
        case activity(Int)
        case end
    }

    public struct Activity: Hashable, Sendable {
        public let code: Int
        public let name: String
        /// Occurrences in the (projected) log.
        public let count: Int
        /// Mean time from the previous event of the case to this activity, in seconds, over every
        /// timed occurrence that has a predecessor; nil when there is none.
        public let meanWaitingSeconds: Double?

        public init(code: Int, name: String, count: Int, meanWaitingSeconds: Double? = nil) {
            self.code = code
            self.name = name
            self.count = count
            self.meanWaitingSeconds = meanWaitingSeconds
        }
    }

    public struct Path: Hashable, Sendable {
        public let source: Endpoint
        public let target: Endpoint
        public let count: Int
        /// Mean time between the two events in seconds; nil for start/end paths and without timestamps.
        public let meanSeconds: Double?

        public init(source: Endpoint, target: Endpoint, count: Int, meanSeconds: Double?) {
            self.source = source
            self.target = target
            self.count = count
            self.meanSeconds = meanSeconds
        }
    }

    /// Kept activities, most frequent first.
    public let activities: [Activity]
    /// Kept paths, most frequent first.
    public let paths: [Path]
    /// Cases the map describes.
    public let caseCount: Int
    /// How many activities and paths the unsimplified map had.
    public let totalActivityCount: Int
    public let totalPathCount: Int

    public init(activities: [Activity], paths: [Path], caseCount: Int, totalActivityCount: Int, totalPathCount: Int) {
        self.activities = activities
        self.paths = paths
        self.caseCount = caseCount
        self.totalActivityCount = totalActivityCount
        self.totalPathCount = totalPathCount
    }

    /// The map of `log`, simplified to the given percentages (100 keeps everything).
    public init(log: EventLog, activityPercentage: Double = 100, pathPercentage: Double = 100) {
        self = ProcessMapSimplification(activityPercentage: activityPercentage, pathPercentage: pathPercentage)
            .map(of: log)
    }

    /// The name of an endpoint for display.
    public func name(of endpoint: Endpoint) -> String {
        switch endpoint {
        case .start: "start"
        case .end: "end"
        case .activity(let code): activities.first { $0.code == code }?.name ?? "#\(code)"
        }
    }
}
