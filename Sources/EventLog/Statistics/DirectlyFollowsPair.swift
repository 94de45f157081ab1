/// A directly-follows relation of a log as activity codes, with how often it occurs.
public struct DirectlyFollowsPair: Hashable, Sendable {
    /// The activity code of the earlier event.
    public var from: Int32
    /// The activity code of the event that directly follows it.
    public var to: Int32
    /// How often `to` directly follows `from` within a case.
    public var count: Int

    public init(from: Int32, to: Int32, count: Int) {
        self.from = from
        self.to = to
        self.count = count
    }
}
