/// One server-sent event (the `text/event-stream` format of the HTML standard).
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` name; `message` when the event had none.
    public var event: String
    /// The `data:` lines joined with newlines.
    public var data: String
    public var id: String?
    /// The `retry:` reconnection time in milliseconds.
    public var retry: Int?

    public init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }
}
