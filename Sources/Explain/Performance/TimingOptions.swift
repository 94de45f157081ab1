/// How Explain reads durations from a log: where activity starts come from and which calendar counts.
///
/// Start times come, in order of preference, from lifecycle `start`/`complete` pairs (when the log has
/// a ``lifecycleKey`` column with `start` events), from a start-timestamp attribute
/// (``startTimestampKey``, when the log has that column), or else each event is instantaneous
/// (service time 0, all time between events is waiting). ``eventLevel`` treats every event as
/// instantaneous, which reproduces PM4Py's event-level performance DFG on lifecycle logs.
public struct TimingOptions: Hashable, Sendable, Codable {
    /// The event attribute holding lifecycle transitions; nil ignores lifecycle data.
    public var lifecycleKey: String?
    /// An event attribute holding the start instant of each (complete) event, for CSV-style logs.
    public var startTimestampKey: String?
    /// The calendar every duration is measured in.
    public var calendar: BusinessCalendar

    public init(lifecycleKey: String? = "lifecycle:transition", startTimestampKey: String? = "start_timestamp",
                calendar: BusinessCalendar = .continuous) {
        self.lifecycleKey = lifecycleKey
        self.startTimestampKey = startTimestampKey
        self.calendar = calendar
    }

    /// Every event is its own instantaneous activity instance (no lifecycle pairing, no start attribute).
    public static let eventLevel = TimingOptions(lifecycleKey: nil, startTimestampKey: nil)
}
