import TracewiseSupport

/// Lets the shared `JSONTreeParser` build pack documents.
extension PackValue: JSONTree {
    package static var jsonNull: PackValue { .null }
    package static func json(_ flag: Bool) -> PackValue { .bool(flag) }
    package static func json(_ number: Double) -> PackValue { .number(number) }
    package static func json(_ text: String) -> PackValue { .string(text) }
    package static func json(_ elements: [PackValue]) -> PackValue { .array(elements) }
    package static func json(_ members: [String: PackValue]) -> PackValue { .object(members) }
}
