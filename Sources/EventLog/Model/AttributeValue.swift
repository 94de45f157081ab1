/// The typed value of one XES attribute.
///
/// Lists and containers keep their children in order, so nested data survives a round trip.
public enum AttributeValue: Hashable, Sendable {
    case string(String)
    case date(Timestamp)
    case int(Int64)
    case float(Double)
    case boolean(Bool)
    case id(String)
    case list([Attribute])
    case container([Attribute])

    /// The XES element name of this value's type (`string`, `date`, `int`, ...).
    public var typeName: String {
        switch self {
        case .string: "string"
        case .date: "date"
        case .int: "int"
        case .float: "float"
        case .boolean: "boolean"
        case .id: "id"
        case .list: "list"
        case .container: "container"
        }
    }

    /// A display form of the value; dates print as ISO 8601 in UTC.
    public var displayString: String {
        switch self {
        case .string(let s), .id(let s): s
        case .date(let t): ISO8601Formatting.format(t)
        case .int(let i): String(i)
        case .float(let d): String(d)
        case .boolean(let b): b ? "true" : "false"
        case .list(let items): "[" + items.map(\.value.displayString).joined(separator: ", ") + "]"
        case .container(let items): "{" + items.map { "\($0.key): \($0.value.displayString)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One keyed attribute with optional nested (meta-)attributes, as XES allows.
public struct Attribute: Hashable, Sendable {
    public var key: String
    public var value: AttributeValue
    /// Nested attributes of this attribute (XES meta-attributes). Empty for most logs.
    public var children: [Attribute]

    public init(key: String, value: AttributeValue, children: [Attribute] = []) {
        self.key = key
        self.value = value
        self.children = children
    }
}
