import TracewiseSupport

/// Lets the shared `JSONTreeParser` build page bodies.
extension JSONValue: JSONTree {
    package static var jsonNull: JSONValue { .null }
    package static func json(_ flag: Bool) -> JSONValue { .bool(flag) }
    package static func json(_ number: Double) -> JSONValue { .number(number) }
    package static func json(_ text: String) -> JSONValue { .string(text) }
    package static func json(_ elements: [JSONValue]) -> JSONValue { .array(elements) }
    package static func json(_ members: [String: JSONValue]) -> JSONValue { .object(members) }
}
