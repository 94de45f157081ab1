/// A kind of exception the domain knows (`SETTLEMENT_FAIL`), with how to recognise it and how serious it is
/// when no severity rule says otherwise.
public struct ExceptionTypeDefinition: Hashable, Sendable, Codable {
    public var name: String
    public var description: String
    /// Free-text signals that identify this type in raw feeds (status codes, message fragments); Intake and
    /// LLM-assisted classification use them as hints.
    public var detectionHints: [String]
    public var defaultSeverity: Severity
    /// The entity the exception concerns; its fields become payload fields.
    public var entity: String?
    /// Payload fields specific to this type, in addition to the entity's.
    public var fields: [FieldDefinition]

    public init(
        name: String, description: String, detectionHints: [String] = [], defaultSeverity: Severity,
        entity: String? = nil, fields: [FieldDefinition] = []
    ) {
        self.name = name
        self.description = description
        self.detectionHints = detectionHints
        self.defaultSeverity = defaultSeverity
        self.entity = entity
        self.fields = fields
    }
}
