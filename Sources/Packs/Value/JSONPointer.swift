/// A location inside a pack document, rendered as an RFC 6901 JSON pointer (`/playbooks/2/steps/0/tool`).
///
/// Every validation finding carries one, so a user (or an editor plugin) can jump to the exact field.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// One step of a pointer: an object member or an array index.
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The document root (`""`).
    public static let root = JSONPointer()

    /// This pointer extended by an object member.
    public func appending(_ key: String) -> JSONPointer {
        JSONPointer(components + [.key(key)])
    }

    /// This pointer extended by an array index.
    public func appending(_ index: Int) -> JSONPointer {
        JSONPointer(components + [.index(index)])
    }

    /// Extends this pointer in place (for walks that go down and back up).
    mutating func append(_ component: Component) {
        components.append(component)
    }

    /// Shortens this pointer by its last component, in place.
    mutating func removeLast() {
        components.removeLast()
    }

    /// The pointer text; `~` and `/` in member names are escaped as `~0` and `~1`.
    public var description: String {
        components.map { component in
            switch component {
            case .key(let key): "/" + Self.escape(key)
            case .index(let index): "/\(index)"
            }
        }.joined()
    }

    private static func escape(_ key: String) -> String {
        var escaped = ""
        for character in key {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.description < rhs.description
    }
}

