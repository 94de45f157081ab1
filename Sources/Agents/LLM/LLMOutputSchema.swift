import Explain
import Packs

/// The fields an LLM reply may contain, with bounds. Anything else is dropped, strings are truncated,
/// numbers clamped and lists shortened, so no reply can carry more than the schema lets through.
public struct LLMOutputSchema: Sendable, Hashable {
    public enum Field: Sendable, Hashable {
        case string(maxLength: Int)
        case number(min: Double, max: Double)
        case boolean
        case stringList(maxItems: Int, maxLength: Int)
    }

    public var fields: [String: Field]
    /// Fields that must be present for the reply to be accepted.
    public var required: Set<String>

    public init(fields: [String: Field], required: Set<String> = []) {
        self.fields = fields
        self.required = required
    }

    /// The schema of the pipeline's advisory calls: free-text explanation, evidence and a confidence.
    public static let advisory = LLMOutputSchema(
        fields: [
            "explanation": .string(maxLength: 1_000),
            "evidence": .stringList(maxItems: 5, maxLength: 300),
            "confidence": .number(min: 0, max: 1),
        ],
        required: ["explanation"])

    /// The schema as a JSON Schema a model can be constrained to (OpenAI strict mode, Anthropic tool input,
    /// Ollama `format`): every field listed and required, nothing else allowed. Bounds are not in it —
    /// ``sanitise(_:)`` enforces them on whatever comes back.
    public func jsonSchema(name: String) -> LanguageModelRequest.JSONSchema {
        let properties = fields.sorted { $0.key < $1.key }.map { key, field -> String in
            let type = switch field {
            case .string: #"{"type":"string"}"#
            case .number: #"{"type":"number"}"#
            case .boolean: #"{"type":"boolean"}"#
            case .stringList: #"{"type":"array","items":{"type":"string"}}"#
            }
            return "\"\(key)\":\(type)"
        }
        let required = fields.keys.sorted().map { "\"\($0)\"" }.joined(separator: ",")
        let schema = #"{"type":"object","properties":{"# + properties.joined(separator: ",")
            + #"},"required":["# + required + #"],"additionalProperties":false}"#
        return LanguageModelRequest.JSONSchema(name: name, schema: schema)
    }

    /// The sanitised object, the names of dropped fields and of adjusted ones; nil when `value` is not an
    /// object or lacks a required field.
    public func sanitise(_ value: PackValue) -> (value: PackValue, dropped: [String], adjusted: [String])? {
        guard case .object(let members) = value else { return nil }
        var kept: [String: PackValue] = [:]
        var dropped: [String] = []
        var adjusted: [String] = []
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            guard let field = fields[key], let (clean, changed) = Self.coerce(member, to: field) else {
                dropped.append(key)
                continue
            }
            kept[key] = clean
            if changed { adjusted.append(key) }
        }
        guard required.isSubset(of: kept.keys) else { return nil }
        return (.object(kept), dropped, adjusted)
    }

    private static func coerce(_ value: PackValue, to field: Field) -> (PackValue, Bool)? {
        switch (field, value) {
        case (.string(let maxLength), .string(let text)):
            return text.count > maxLength ? (.string(String(text.prefix(maxLength))), true) : (value, false)
        case (.number(let low, let high), .number(let number)):
            guard number.isFinite else { return (.number(low), true) }
            let clamped = min(high, max(low, number))
            return (.number(clamped), clamped != number)
        case (.number(let low, let high), .string(let text)):
            guard let number = Double(text), number.isFinite else { return nil }
            return (.number(min(high, max(low, number))), true)
        case (.boolean, .bool):
            return (value, false)
        case (.stringList(let maxItems, let maxLength), .array(let items)):
            let strings = items.compactMap(\.stringValue)
            let clean = strings.prefix(maxItems).map { String($0.prefix(maxLength)) }
            let changed = clean.count != items.count || zip(clean, strings).contains { $0 != $1 }
            return (.array(clean.map(PackValue.string)), changed)
        default:
            return nil
        }
    }
}
