/// A stable hash of a log's ``LogSchema``: equal schemas give equal fingerprints on every platform and run
/// (SHA-256 of ``LogSchema/canonicalText``; not Swift's per-process `Hasher`). Connectors store it to notice
/// when a source's shape changes, and ``drift(to:)`` says how.
///
/// ```swift
/// let before = SchemaFingerprint(oldLog), after = SchemaFingerprint(newLog)
/// if before != after { print(before.drift(to: after)) }
/// ```
public struct SchemaFingerprint: Hashable, Sendable, Codable {
    /// `sha256:` followed by 64 lowercase hex digits.
    public let value: String
    /// The schema that was hashed.
    public let schema: LogSchema

    public init(schema: LogSchema) {
        self.schema = schema
        value = "sha256:" + SHA256.hex(Array(schema.canonicalText.utf8))
    }

    public init(_ log: EventLog) {
        self.init(schema: LogSchema(log))
    }

    /// What changed from this schema to `newer`.
    public func drift(to newer: SchemaFingerprint) -> SchemaDrift {
        SchemaDrift(from: schema, to: newer.schema)
    }

    public static func == (lhs: SchemaFingerprint, rhs: SchemaFingerprint) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
