/// The structure a pack document must have, declared once and used three ways: to validate a document tree
/// (every unknown key, missing key and wrong type, with its path), to fill in defaults before decoding, and
/// to export the JSON Schema files in `docs/schemas/`.
indirect enum PackShape: Sendable {
    case string(StringFormat)
    case enumeration([String])
    case number(minimum: Double?, maximum: Double?)
    case integer(minimum: Int?, maximum: Int?)
    case boolean
    case array(PackShape, minItems: Int)
    /// An object whose member names are free (tool arguments, override tables).
    case map(PackShape)
    case object(ObjectShape)
    /// An object whose `discriminator` member selects one of several shapes.
    case tagged(discriminator: String, variants: [(tag: String, shape: ObjectShape)])
    case any
    /// A named shape from `PackSchema.definitions` (lets shapes be recursive).
    case reference(String)
}

/// What a string must look like beyond being a string.
enum StringFormat: Sendable {
    case text
    /// A non-empty name of letters, digits, `_`, `.`, `-` (and `:` for ids), starting with a letter.
    case identifier
    /// `UPPER_SNAKE_CASE`, as exception types are written.
    case constantName
    case semanticVersion
    case versionRequirement
    case rule
    case pattern
    case fieldPath
    case url
}

/// A member of an object shape.
struct FieldShape: Sendable {
    var name: String
    var shape: PackShape
    var required: Bool
    var defaultValue: PackValue?
    var description: String

    static func required(_ name: String, _ shape: PackShape, _ description: String) -> FieldShape {
        FieldShape(name: name, shape: shape, required: true, defaultValue: nil, description: description)
    }

    static func optional(_ name: String, _ shape: PackShape, default defaultValue: PackValue? = nil, _ description: String) -> FieldShape {
        FieldShape(name: name, shape: shape, required: false, defaultValue: defaultValue, description: description)
    }
}

/// The members of an object, in documentation order.
struct ObjectShape: Sendable {
    var title: String
    var description: String
    var fields: [FieldShape]

    func field(named name: String) -> FieldShape? {
        fields.first { $0.name == name }
    }
}
