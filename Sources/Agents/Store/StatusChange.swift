/// One entry of an exception's status history: the status an outcome reached, in which run, and when.
public struct StatusChange: Sendable, Codable, Hashable {
    public var status: ResolutionStatus
    public var runID: String
    /// UTC microseconds.
    public var atMicroseconds: Int64

    public init(status: ResolutionStatus, runID: String, atMicroseconds: Int64) {
        self.status = status
        self.runID = runID
        self.atMicroseconds = atMicroseconds
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case status, runID = "runId", atMicroseconds
    }
}
