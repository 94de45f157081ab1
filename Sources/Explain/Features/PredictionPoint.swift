/// Where in each case features stop: the leakage guard. Features of a case are computed only from
/// its events before this point, so a model trained on them can be applied to running cases.
public enum PredictionPoint: Hashable, Sendable, Codable {
    /// The whole case (for explaining finished cases).
    case caseEnd
    /// The first `n` events of the case.
    case events(Int)
    /// The events before the first event of this activity (cases without it keep every event).
    case beforeActivity(String)
    /// The events at most this many seconds after the case's first event.
    case elapsed(seconds: Double)
}
