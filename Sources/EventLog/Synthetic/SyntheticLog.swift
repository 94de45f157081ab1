/// Deterministic synthetic event logs for tests, demos and benchmarks: an order-to-cash process with
/// resources, case attributes, rework loops, concurrency and one injected bottleneck whose cause is known.
///
/// The same `events` and `seed` give the same log on every platform and run.
///
/// ```swift
/// let log = SyntheticLog.generate(events: 10_000, seed: 7)
/// let truth = SyntheticLog.Scenario.bottleneck
/// print(truth.description)   // cases with region = South wait much longer before Ship Goods
/// ```
///
/// ## The process
/// `Create Order` → `Check Credit` (rework: `Request Customer Data` → `Check Credit`, repeated at most twice;
/// or `Cancel Order`, which ends the case) → `Approve Order` → two concurrent branches whose events
/// interleave by time: `Pick Goods` → `Pack Goods` → `Ship Goods`, and `Prepare Invoice` → `Send Invoice` →
/// (`Send Reminder`)* → `Receive Payment`; sometimes `Handle Complaint` → `Ship Goods` again; finally
/// `Close Order`. Events are in timestamp order within each case.
///
/// ## Attributes
/// Trace: `concept:name` (`order-<n>`), `region` (North, South, East, West), `segment` (Consumer, SME,
/// Enterprise), `orderValue` (float, euros), `express` (boolean). Event: `concept:name`, `time:timestamp`
/// (UTC), `org:resource` (role pools `sales-*`, `finance-*`, `warehouse-*`, `service-*`).
public enum SyntheticLog {
    /// The ground truth of the injected bottleneck, for tests of explanation models.
    public struct Bottleneck: Hashable, Sendable, Codable {
        /// The activity whose waiting time (time since the previous event of its branch) is inflated.
        public var activity: String
        /// The attribute that causes it.
        public var attribute: String
        /// `trace` or `event`: the level of ``attribute``.
        public var level: String
        /// The attribute value of the affected cases.
        public var value: String
        /// The mean extra waiting time, in seconds, added for affected cases (exponentially distributed).
        public var meanExtraWaitSeconds: Double
        /// The mean waiting time, in seconds, before ``activity`` for unaffected cases.
        public var meanNormalWaitSeconds: Double

        /// A one-line human-readable statement of the cause.
        public var description: String {
            "cases with \(attribute) = \(value) wait on average \(Int(meanExtraWaitSeconds / 3600)) h longer before \(activity)"
        }
    }

    /// The fixed scenario the generator draws from.
    public enum Scenario {
        /// The one injected bottleneck: cases in region South wait much longer before `Ship Goods`.
        public static let bottleneck = Bottleneck(activity: "Ship Goods", attribute: "region", level: "trace",
                                                  value: "South", meanExtraWaitSeconds: 72 * 3600,
                                                  meanNormalWaitSeconds: 4 * 3600)
        /// Every activity the process can produce.
        public static let activities = OrderToCashProcess.activityNames
        /// The case attribute values.
        public static let regions = ["North", "South", "East", "West"]
        public static let segments = ["Consumer", "SME", "Enterprise"]
    }

    /// Generates cases until the log holds at least `events` events (it stops at the end of the case that
    /// reaches the target, so the count may exceed it by a few events).
    ///
    /// - Complexity: O(events); columns are written directly (no per-event attribute values), so 10 million
    ///   events take a few seconds and about 200 MB.
    public static func generate(events: Int, seed: UInt64 = 42) -> EventLog {
        generate(events: events, seed: seed, meter: nil, stopsWhenCancelled: false)
    }

    /// The same log as ``generate(events:seed:)``, reporting the events generated to `progress` (phase
    /// "generate") and throwing `CancellationError` soon after the calling task is cancelled.
    ///
    /// ```swift
    /// let log = try SyntheticLog.generate(events: 1_000_000, progress: { print($0.completed) })
    /// ```
    public static func generate(events: Int, seed: UInt64 = 42, progress: ProgressHandler?) throws -> EventLog {
        let meter = ProgressMeter(progress, phase: "generate", total: max(events, 1), unit: "events")
        let log = generate(events: events, seed: seed, meter: meter, stopsWhenCancelled: true)
        try Task.checkCancellation()
        meter?.finish()
        return log
    }

    /// Adds cases until `events` is reached or, when `stopsWhenCancelled`, the task is cancelled (checked every
    /// 4,096 events; the caller then throws instead of returning the partial log).
    private static func generate(events: Int, seed: UInt64, meter: ProgressMeter?,
                                 stopsWhenCancelled: Bool) -> EventLog {
        var generator = OrderToCashProcess(seed: seed, expectedCases: max(1, events / 12))
        let target = max(events, 1)
        var reported = 0, checked = 0
        while generator.eventCount < target {
            generator.addCase()
            let count = min(generator.eventCount, target)
            meter?.advance(by: count - reported)
            reported = count
            if stopsWhenCancelled && count - checked >= 4_096 {
                checked = count
                if Task.isCancelled { break }
            }
        }
        return generator.build(location: "generator:order-to-cash?events=\(events)&seed=\(seed)")
    }
}
