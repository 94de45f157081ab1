import Yams

/// Reads a YAML document into a `PackValue` through Yams, keeping YAML's scalar typing (`42` is a number,
/// `"42"` a string, `yes`/`no` stay strings under the YAML 1.2 core schema used by Yams) and refusing what
/// JSON cannot represent (non-string keys, `.inf`, `.nan`, multiple documents).
struct YAMLValueReader {
    private let limits: DocumentLimits
    private var nodeCount = 0

    init(limits: DocumentLimits) {
        self.limits = limits
    }

    mutating func parse(_ text: String) throws(PackSyntaxError) -> PackValue {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw Self.syntaxError(from: error)
        }
        guard let root else { throw PackSyntaxError("the document is empty", at: SourceLocation(line: 1, column: 1)) }
        return try convert(root, depth: 0)
    }

    private static func syntaxError(from error: any Error) -> PackSyntaxError {
        guard let yamlError = error as? YamlError else { return PackSyntaxError("\(error)", at: nil) }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let message = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
            return PackSyntaxError(message, at: SourceLocation(line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PackSyntaxError(
                "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in mapping",
                at: SourceLocation(line: context.mark.line, column: context.mark.column))
        case .reader(let problem, _, _, _):
            return PackSyntaxError(problem, at: nil)
        default:
            return PackSyntaxError("\(yamlError)", at: nil)
        }
    }

    private func location(of node: Node) -> SourceLocation? {
        node.mark.map { SourceLocation(line: $0.line, column: $0.column) }
    }

    private mutating func convert(_ node: Node, depth: Int) throws(PackSyntaxError) -> PackValue {
        nodeCount += 1
        guard nodeCount <= limits.maximumNodes else {
            throw PackSyntaxError("more than \(limits.maximumNodes) values (after expanding aliases)", at: location(of: node))
        }
        guard depth <= limits.maximumDepth else {
            throw PackSyntaxError("nesting deeper than \(limits.maximumDepth) levels", at: location(of: node))
        }
        switch node {
        case .scalar(let scalar):
            return try convertScalar(scalar, at: location(of: node))
        case .sequence(let sequence):
            var elements: [PackValue] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence { elements.append(try convert(element, depth: depth + 1)) }
            return .array(elements)
        case .mapping(let mapping):
            var members: [String: PackValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw PackSyntaxError("mapping keys must be strings", at: location(of: key))
                }
                members[keyScalar.string] = try convert(value, depth: depth + 1)
            }
            return .object(members)
        case .alias:
            throw PackSyntaxError("unresolved alias", at: location(of: node))
        }
    }

    private func convertScalar(_ scalar: Node.Scalar, at location: SourceLocation?) throws(PackSyntaxError) -> PackValue {
        let node = Node.scalar(scalar)
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null:
            return .null
        case .bool:
            guard let value = node.bool else { return .string(scalar.string) }
            return .bool(value)
        case .int:
            if let value = node.int { return .number(Double(value)) }
            guard let value = Double(scalar.string.filter { $0 != "_" }), value.isFinite else {
                throw PackSyntaxError("integer \(scalar.string.prefix(40)) is out of range", at: location)
            }
            return .number(value)
        case .float:
            guard let value = node.float, value.isFinite else {
                throw PackSyntaxError("number \(scalar.string.prefix(40)) is not finite", at: location)
            }
            return .number(value)
        default:
            return .string(scalar.string)
        }
    }
}
