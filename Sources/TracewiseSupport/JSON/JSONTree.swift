/// A JSON value type that ``JSONTreeParser`` can build: Packs' `PackValue` and the connectors' `JSONValue`
/// are two public trees of the same shape, read by one parser.
package protocol JSONTree {
    static var jsonNull: Self { get }
    static func json(_ flag: Bool) -> Self
    static func json(_ number: Double) -> Self
    static func json(_ text: String) -> Self
    static func json(_ elements: [Self]) -> Self
    static func json(_ members: [String: Self]) -> Self
}
