/// What one extractor keeps for one tenant and source between runs: its state document and the history of
/// its pull reports, oldest first.
///
/// Both are opaque bytes to the store (connectors encode them as JSON), so any extractor can keep its state in
/// any store without the store knowing the extractor's types.
public struct SourceState: Hashable, Sendable {
    /// The latest state (a connector's cursor, the events extracted so far, the record schema).
    public var document: [UInt8]
    /// One entry per pull, oldest first; the store only ever appends to it.
    public var reports: [[UInt8]]

    public init(document: [UInt8], reports: [[UInt8]]) {
        self.document = document
        self.reports = reports
    }
}
