/// A business object exceptions are about (a trade, a claim, a case), with the fields it contributes to the
/// payload of every exception type that names it.
public struct EntityDefinition: Hashable, Sendable, Codable {
    public var name: String
    public var description: String?
    /// The field that identifies an instance (for example `tradeId`); must be one of `fields`.
    public var identifier: String?
    public var fields: [FieldDefinition]

    public init(name: String, description: String? = nil, identifier: String? = nil, fields: [FieldDefinition] = []) {
        self.name = name
        self.description = description
        self.identifier = identifier
        self.fields = fields
    }
}
