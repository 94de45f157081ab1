/// A field of an exception payload or an entity: what rules and argument templates may refer to as
/// `payload.<name>`.
public struct FieldDefinition: Hashable, Sendable, Codable {
    /// The JSON type of a field's values. `object` and `any` fields may be navigated further
    /// (`payload.counterparty.lei`) without declaring the nested members.
    public enum FieldType: String, Hashable, Sendable, Codable, CaseIterable {
        case string, number, integer, boolean, array, object, any
    }

    public var name: String
    public var type: FieldType
    public var description: String?
    /// Whether every exception of the type must carry the field (checked by Intake).
    public var required: Bool

    public init(name: String, type: FieldType, description: String? = nil, required: Bool = false) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
    }
}
