/// One event a connector's mapping produced from a source record.
public struct SourceEvent: Hashable, Sendable, Codable {
    /// Unique within the source (e.g. a Jira changelog id plus item index): incremental pulls de-duplicate on it.
    public var id: String
    public var caseID: String
    public var activity: String
    /// µs since the epoch, UTC.
    public var timestamp: Int64
    public var resource: String?
    /// Extra attributes, as text.
    public var attributes: [String: String]

    public init(id: String, caseID: String, activity: String, timestamp: Int64, resource: String? = nil,
                attributes: [String: String] = [:]) {
        self.id = id
        self.caseID = caseID
        self.activity = activity
        self.timestamp = timestamp
        self.resource = resource
        self.attributes = attributes
    }
}
