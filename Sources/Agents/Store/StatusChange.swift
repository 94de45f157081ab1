/// One entry of an exception's status history: the status an outcome reached, in which run, and when.
public struct StatusChange: Sendable, Codable, Hashable {
    public var status: ResolutionStatus
    public var runId: String
    /// UTC microseconds.
    public var atMicroseconds: Int64

    public init(status: ResolutionStatus, runId: String, atMicroseconds: Int64) {
        self.status = status
        self.runId = runId
        self.atMicroseconds = atMicroseconds
    }
}
