/// One place where cases wait: an activity (waiting before it) or a directly-follows edge (waiting
/// between its two activities), with how much waiting it contributes in total.
public struct Bottleneck: Hashable, Sendable, Codable {
    /// The activity waited for (for an edge: the target activity).
    public var activity: String
    /// For an edge: the activity waited after; nil for an activity bottleneck.
    public var from: String?
    /// How many times the wait occurred.
    public var frequency: Int
    /// Cases that experienced it at least once.
    public var cases: Int
    /// frequency × mean waiting: the waiting this place contributes to the log.
    public var totalWaitingSeconds: Double
    /// This place's share of all waiting in the log (0...1).
    public var shareOfWaiting: Double
    /// Distribution of the individual waits.
    public var waiting: DurationStatistics

    /// `from → activity` for edges, the activity alone otherwise.
    public var label: String { from.map { "\($0) → \(activity)" } ?? activity }
}
