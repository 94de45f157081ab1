/// An argument template parsed once, for resolving against many records: placeholders are split into path
/// segments up front and subtrees without placeholders are kept as constants, so resolving does no parsing
/// and copies constant parts instead of rebuilding them. It resolves exactly as ``ArgumentTemplate`` describes
/// (which delegates to it); strings that do not parse as templates stay as written.
///
/// ```swift
/// let template = CompiledArgumentTemplate(["tradeId": "{{payload.tradeId}}", "channel": "swift"])
/// template.resolve(with: exceptionRecord)   // ["tradeId": "T-1", "channel": "swift"]
/// ```
public struct CompiledArgumentTemplate: Sendable {
    indirect enum Node: Sendable {
        /// A value with no placeholder: returned as it is.
        case constant(PackValue)
        /// A string that is exactly one placeholder: the field's value, typed.
        case field([String])
        /// A string with text around its placeholders: the fields' text spliced in.
        case interpolated([Part])
        case array([Node])
        /// The constant members, and the members to resolve.
        case object(constant: [String: PackValue], resolved: [(key: String, node: Node)])
    }

    enum Part: Sendable {
        case text(String)
        case field([String])
    }

    let root: Node

    /// Compiles a template value (strings inside arrays and objects included).
    public init(_ template: PackValue) {
        root = Self.compile(template)
    }

    /// The template with every placeholder replaced from `record`.
    public func resolve(with record: PackValue) -> PackValue {
        Self.resolve(root, with: record)
    }

    private static func compile(_ template: PackValue) -> Node {
        switch template {
        case .string(let text):
            guard let segments = try? ArgumentTemplate.segments(of: text),
                segments.contains(where: { if case .placeholder = $0 { true } else { false } })
            else { return .constant(template) }
            if segments.count == 1, case .placeholder(let path) = segments[0] { return .field(pathSegments(path)) }
            return .interpolated(segments.map { segment in
                switch segment {
                case .text(let text): .text(text)
                case .placeholder(let path): .field(pathSegments(path))
                }
            })
        case .array(let elements):
            let nodes = elements.map(compile)
            return nodes.allSatisfy(\.isConstant) ? .constant(template) : .array(nodes)
        case .object(let members):
            var constant: [String: PackValue] = [:]
            var resolved: [(key: String, node: Node)] = []
            for key in members.keys.sorted() {
                let node = compile(members[key]!)
                if case .constant(let value) = node { constant[key] = value } else { resolved.append((key, node)) }
            }
            return resolved.isEmpty ? .constant(template) : .object(constant: constant, resolved: resolved)
        default:
            return .constant(template)
        }
    }

    /// The segments `PackValue[path:]` follows for a dotted path.
    private static func pathSegments(_ path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    private static func resolve(_ node: Node, with record: PackValue) -> PackValue {
        switch node {
        case .constant(let value):
            return value
        case .field(let path):
            return record[segments: path] ?? .null
        case .interpolated(let parts):
            var result = ""
            for part in parts {
                switch part {
                case .text(let text): result += text
                case .field(let path): if let value = record[segments: path] { result += text(of: value) }
                }
            }
            return .string(result)
        case .array(let nodes):
            return .array(nodes.map { resolve($0, with: record) })
        case .object(let constant, let resolved):
            var members = constant
            members.reserveCapacity(constant.count + resolved.count)
            for (key, node) in resolved { members[key] = resolve(node, with: record) }
            return .object(members)
        }
    }

    private static func text(of value: PackValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): PackDocumentWriter.numberText(number)
        case .string(let string): string
        case .array, .object: PackDocumentWriter.compactJSON(value)
        }
    }
}

extension CompiledArgumentTemplate.Node {
    var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }
}
