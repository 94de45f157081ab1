/// What a pull did: the JSON the `tracewise connect` command prints and the provenance a log keeps.
///
/// Shape: `{"source","endpoint","window":{"from","to"},"records","events","cases","skipped":[…],
/// "cursorBefore","cursor","fingerprint","drift":{"added","removed","retyped"}}`.
public struct PullReport: Hashable, Sendable, Codable {
    public struct Window: Hashable, Sendable, Codable {
        public var from: String
        public var to: String
    }

    public var source: String
    public var endpoints: [String]
    public var window: Window
    public var pages: Int
    public var records: Int
    public var events: Int
    public var cases: Int
    public var skipped: [SkippedRecord]
    public var cursorBefore: ConnectorCursor?
    public var cursor: ConnectorCursor
    public var fingerprint: String
    public var drift: RecordSchemaDrift
}
