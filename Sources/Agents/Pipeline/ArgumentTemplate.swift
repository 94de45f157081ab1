import Foundation
import Packs

/// Renders playbook argument templates against an exception's context: a string that is exactly one
/// `{{path}}` placeholder becomes the referenced value (keeping its type); placeholders inside longer
/// strings are replaced by the value's text. Missing paths are reported, never guessed.
enum ArgumentTemplate {
    static func render(_ template: PackValue, context: PackValue, missing: inout [String]) -> PackValue {
        switch template {
        case .string(let text):
            return renderString(text, context: context, missing: &missing)
        case .array(let items):
            return .array(items.map { render($0, context: context, missing: &missing) })
        case .object(let members):
            return .object(members.mapValues { render($0, context: context, missing: &missing) })
        default:
            return template
        }
    }

    private static func renderString(_ text: String, context: PackValue, missing: inout [String]) -> PackValue {
        guard text.contains("{{") else { return .string(text) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"), trimmed.dropFirst(2).dropLast(2).contains("{{") == false {
            let path = String(trimmed.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespaces)
            guard let value = context[path: path] else {
                missing.append(path)
                return .null
            }
            return value
        }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let path = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = context[path: path] {
                result += value.plainText
            } else {
                missing.append(path)
            }
            rest = rest[close.upperBound...]
        }
        result += rest
        return .string(result)
    }
}

extension PackValue {
    /// The value as plain text for interpolation and memory: strings bare, numbers without a trailing `.0`.
    var plainText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): return s
        case .array(let items): return items.map(\.plainText).joined(separator: ", ")
        case .object(let members): return members.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.plainText)" }.joined(separator: ", ")
        }
    }
}
