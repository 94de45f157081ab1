/// The declared type of an OCEL 2.0 attribute.
public enum OCELAttributeType: String, Hashable, Sendable, CaseIterable {
    case string
    case integer
    case float
    case boolean
    case time

    /// The type named `name` in a file; accepts the spec's names and the aliases PM4Py and rust4pm write
    /// (`int`, `double`, `date`, `datetime`, `timestamp`, `bool`). Nil for anything else.
    public init?(declared name: String) {
        switch name.lowercased() {
        case "string", "str", "text", "varchar": self = .string
        case "integer", "int", "long", "int64": self = .integer
        case "float", "double", "real", "number": self = .float
        case "boolean", "bool": self = .boolean
        case "time", "date", "datetime", "timestamp": self = .time
        default: return nil
        }
    }
}
