/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Kept free of NIO types so clients (language models, connectors) and their tests read headers
/// without importing an HTTP stack.
///
/// ```swift
/// var fields = HTTPFields(["Content-Type": "application/json"])
/// fields.append("x-api-key", secret)
/// fields["content-type"]   // "application/json"
/// ```
public struct HTTPFields: Sendable, Hashable, Sequence, CustomStringConvertible {
    public private(set) var entries: [(name: String, value: String)] = []

    public init() {}

    /// Fields from a dictionary, in name order (so the order is deterministic).
    public init(_ dictionary: [String: String]) {
        for (name, value) in dictionary.sorted(by: { $0.key < $1.key }) { append(name, value) }
    }

    /// Fields from pairs, in the given order.
    public init(pairs: [(String, String)]) {
        for (name, value) in pairs { append(name, value) }
    }

    /// Adds a field (keeping any earlier ones of the same name).
    public mutating func append(_ name: String, _ value: String) {
        entries.append((name, value))
    }

    /// Replaces every field named `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        entries.removeAll { $0.name.lowercased() == name.lowercased() }
        entries.append((name, value))
    }

    /// The first value of the field named `name` (case-insensitive), or nil.
    public subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return entries.first { $0.name.lowercased() == wanted }?.value
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { entries.makeIterator() }

    /// Header names with their values masked: header values can carry credentials.
    public var description: String {
        "[" + entries.map { "\($0.name): …" }.joined(separator: ", ") + "]"
    }

    public static func == (lhs: HTTPFields, rhs: HTTPFields) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.name)
            hasher.combine(entry.value)
        }
    }
}
