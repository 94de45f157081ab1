/// A JSON-like value: the common currency of pack documents and of the exception records rules look at.
///
/// Pack files (JSON or YAML) are first read into a `PackValue` tree, which the validator walks to report
/// every problem with its exact path; the Agents layer passes exception records to the rule evaluator as
/// `PackValue` objects. Numbers are `Double`, like JSON; integers up to 2^53 are exact.
///
/// ```swift
/// let exception: PackValue = ["exceptionType": "SETTLEMENT_FAIL", "payload": ["amount": 1_250_000]]
/// exception[path: "payload.amount"]   // .number(1250000)
/// ```
public enum PackValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PackValue])
    case object([String: PackValue])

    /// The JSON type name of this value (`null`, `boolean`, `number`, `string`, `array`, `object`), used in
    /// messages and schema checks.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [PackValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: PackValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The integer this number holds exactly, or nil when it is not an integral number in `Int` range.
    public var integerValue: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else {
            return nil
        }
        return Int(value)
    }

    /// The member `key` of an object; nil for missing members and non-objects.
    public subscript(key: String) -> PackValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The value at a dotted field path such as `payload.counterparty.lei`; array elements are addressed by
    /// decimal index (`payload.legs.0.amount`). Nil when any segment is missing: lookups never fail loudly.
    public subscript(path path: String) -> PackValue? {
        self[segments: path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)]
    }

    /// The value reached by following `segments` one member (or array index) at a time.
    public subscript(segments segments: [String]) -> PackValue? {
        var current = self
        for segment in segments {
            switch current {
            case .object(let members):
                guard let next = members[segment] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(segment), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

extension PackValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: PackValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, PackValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
