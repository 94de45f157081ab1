import Yams

/// Writes `PackValue` trees as normalised JSON or YAML: keys sorted, two-space indentation, integral numbers
/// without a fraction. Converting JSON → YAML → JSON with it reproduces the JSON byte for byte.
///
/// ```swift
/// let yaml = try PackDocumentWriter.string(value, format: .yaml)
/// ```
public enum PackDocumentWriter {
    /// The document text of `value` in `format`, ending with a newline.
    public static func string(_ value: PackValue, format: PackDocumentFormat) throws -> String {
        switch format {
        case .json:
            var output = ""
            writeJSON(value, indent: 0, into: &output)
            return output + "\n"
        case .yaml:
            do {
                return try Yams.serialize(node: yamlNode(value), indent: 2, width: -1, allowUnicode: true, sortKeys: true)
            } catch {
                throw PacksError(.invalidPack, "cannot write YAML: \(error)")
            }
        }
    }

    /// `value` as JSON on one line with no spaces (keys sorted): how an array or object reads inside a text.
    public static func compactJSON(_ value: PackValue) -> String {
        var output = ""
        writeJSON(value, indent: nil, into: &output)
        return output
    }

    /// The canonical text of a number: integers up to 2^53 without a fraction, others in Swift's shortest
    /// round-trip form.
    public static func numberText(_ number: Double) -> String {
        if number.rounded() == number, abs(number) <= 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    /// Writes `value` indented by `indent` spaces, or on one line with no spaces when `indent` is nil.
    private static func writeJSON(_ value: PackValue, indent: Int?, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += numberText(number)
        case .string(let string): writeJSONString(string, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += indent == nil ? "[" : "[\n"
            for (offset, element) in elements.enumerated() {
                startLine(indent.map { $0 + 2 }, into: &output)
                writeJSON(element, indent: indent.map { $0 + 2 }, into: &output)
                endItem(last: offset == elements.count - 1, indent: indent, into: &output)
            }
            startLine(indent, into: &output)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += indent == nil ? "{" : "{\n"
            let keys = members.keys.sorted()
            for (offset, key) in keys.enumerated() {
                startLine(indent.map { $0 + 2 }, into: &output)
                writeJSONString(key, into: &output)
                output += indent == nil ? ":" : ": "
                writeJSON(members[key]!, indent: indent.map { $0 + 2 }, into: &output)
                endItem(last: offset == keys.count - 1, indent: indent, into: &output)
            }
            startLine(indent, into: &output)
            output += "}"
        }
    }

    private static func startLine(_ indent: Int?, into output: inout String) {
        if let indent { output += String(repeating: " ", count: indent) }
    }

    private static func endItem(last: Bool, indent: Int?, into output: inout String) {
        if !last { output += "," }
        if indent != nil { output += "\n" }
    }

    private static func writeJSONString(_ string: String, into output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func yamlNode(_ value: PackValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .number(let number):
            return Node(numberText(number), Tag(number.rounded() == number && abs(number) <= 9_007_199_254_740_992 ? .int : .float))
        case .string(let string):
            let plain = Node(string)
            let readsBackAsString = plain.tag.rawValue == Tag.Name.str.rawValue && !string.isEmpty
            return Node(string, Tag(.str), readsBackAsString ? .any : .doubleQuoted)
        case .array(let elements):
            return Node(elements.map(yamlNode), Tag(.seq))
        case .object(let members):
            return Node(members.keys.sorted().map { (Node($0, Tag(.str), Node($0).tag.rawValue == Tag.Name.str.rawValue ? .any : .doubleQuoted), yamlNode(members[$0]!)) }, Tag(.map))
        }
    }
}
