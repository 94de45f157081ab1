/// The performance figures of a log, as one Codable value (the `performance` part of `explain` output).
public struct PerformanceReport: Hashable, Sendable, Codable {
    public var caseCount: Int
    public var eventCount: Int
    public var instanceCount: Int
    /// Where activity starts came from (lifecycle pairs, a start-timestamp attribute, or none).
    public var startSource: ActivityInstances.StartSource
    /// Case cycle times.
    public var cycleTime: DurationStatistics
    public var activities: [ActivityPerformance]
    public var transitions: [TransitionPerformance]
    public var rework: ReworkSummary
    public var throughput: [ThroughputPeriod]
    public var resources: [ResourceWorkload]
    public var handovers: [Handover]

    /// Timing of one activity over all its instances.
    public struct ActivityPerformance: Hashable, Sendable, Codable {
        public var activity: String
        public var instances: Int
        /// Cases containing the activity at least once.
        public var cases: Int
        public var service: DurationStatistics
        public var waiting: DurationStatistics
        public var sojourn: DurationStatistics
        /// Instances beyond the first per case.
        public var reworkInstances: Int
        /// Cases executing the activity more than once.
        public var casesWithRework: Int
    }

    /// Waiting between two directly-following activity instances.
    public struct TransitionPerformance: Hashable, Sendable, Codable {
        public var from: String
        public var to: String
        public var duration: DurationStatistics
    }

    /// Repeated work over the log.
    public struct ReworkSummary: Hashable, Sendable, Codable {
        public var casesWithRework: Int
        public var reworkInstances: Int
        /// Repeats immediately after the same activity.
        public var selfLoops: Int
        /// Repeats after other activities (loops back).
        public var loopBacks: Int
        /// `casesWithRework / caseCount`.
        public var caseShare: Double
    }

    /// Work in one calendar period.
    public struct ThroughputPeriod: Hashable, Sendable, Codable {
        /// `yyyy-MM-dd` (first day of the day or week) or `yyyy-MM`.
        public var period: String
        public var casesStarted: Int
        public var casesCompleted: Int
        public var activitiesCompleted: Int
    }

    /// What one resource did.
    public struct ResourceWorkload: Hashable, Sendable, Codable {
        public var resource: String
        public var instances: Int
        public var cases: Int
        public var activities: Int
        public var busySeconds: Double
        public var meanServiceSeconds: Double
    }

    /// Work passed from one resource to another.
    public struct Handover: Hashable, Sendable, Codable {
        public var from: String
        public var to: String
        public var count: Int
        public var meanWaitingSeconds: Double
    }
}
