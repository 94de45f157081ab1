/// What a store knows about one stored event log without loading it: its name, size, schema fingerprint
/// and provenance. The JSON of `tracewise logs list --format json` is an array of these.
public struct StoredLogInfo: Sendable, Codable, Hashable {
    /// Unique per tenant.
    public var name: String
    public var cases: Int
    public var events: Int
    /// The ``SchemaFingerprint`` value of the log as imported.
    public var fingerprint: String
    /// When it was imported, in UTC microseconds since 1970.
    public var importedAtMicroseconds: Int64
    /// Where the log came from and what was done to it before import.
    public var provenance: Provenance

    public init(name: String, cases: Int, events: Int, fingerprint: String, importedAtMicroseconds: Int64,
                provenance: Provenance) {
        self.name = name
        self.cases = cases
        self.events = events
        self.fingerprint = fingerprint
        self.importedAtMicroseconds = importedAtMicroseconds
        self.provenance = provenance
    }

    /// The summary of `log` as it would be stored under `name` at `importedAtMicroseconds`.
    public init(name: String, log: EventLog, importedAtMicroseconds: Int64) {
        self.init(name: name, cases: log.caseCount, events: log.eventCount, fingerprint: SchemaFingerprint(log).value,
                  importedAtMicroseconds: importedAtMicroseconds, provenance: log.provenance)
    }
}
