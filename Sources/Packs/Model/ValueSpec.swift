/// A JSON-Schema subset describing a tool's arguments or result: `type`, `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `minimum`/`maximum`, `minLength`/`maxLength`, `pattern`,
/// `minItems`/`maxItems` — with JSON Schema's meaning, so existing tool descriptions carry over.
///
/// ```swift
/// let spec = ValueSpec(type: .object, properties: ["amount": ValueSpec(type: .number, minimum: 0)], required: ["amount"])
/// spec.violations(of: ["amount": -5])   // one finding at /amount
/// ```
public struct ValueSpec: Hashable, Sendable, Codable {
    public enum ValueType: String, Hashable, Sendable, Codable, CaseIterable {
        case string, number, integer, boolean, array, object, null
    }

    public var type: ValueType?
    public var description: String?
    public var properties: [String: ValueSpec]?
    public var required: [String]?
    /// Whether an object may carry members not in `properties` (JSON Schema default: true).
    public var additionalProperties: Bool?
    public var enumeration: [PackValue]?
    public var minimum: Double?
    public var maximum: Double?
    public var minLength: Int?
    public var maxLength: Int?
    /// A regular expression (the rule language's bounded dialect) string values must match somewhere.
    public var pattern: String? {
        get { compiledPattern?.source }
        set { compiledPattern = newValue.map(CompiledPattern.init) }
    }
    /// The pattern compiled when it is set, so validating many values does not recompile it; nil `regex` when
    /// it does not compile (pack validation reports that).
    private var compiledPattern: CompiledPattern?
    public var minItems: Int?
    public var maxItems: Int?
    private var itemStorage: [ValueSpec]

    /// The spec of each array element.
    public var items: ValueSpec? {
        get { itemStorage.first }
        set { itemStorage = newValue.map { [$0] } ?? [] }
    }

    public init(
        type: ValueType? = nil, description: String? = nil, properties: [String: ValueSpec]? = nil,
        required: [String]? = nil, additionalProperties: Bool? = nil, items: ValueSpec? = nil,
        enumeration: [PackValue]? = nil, minimum: Double? = nil, maximum: Double? = nil, minLength: Int? = nil,
        maxLength: Int? = nil, pattern: String? = nil, minItems: Int? = nil, maxItems: Int? = nil
    ) {
        self.type = type
        self.description = description
        self.properties = properties
        self.required = required
        self.additionalProperties = additionalProperties
        self.itemStorage = items.map { [$0] } ?? []
        self.enumeration = enumeration
        self.minimum = minimum
        self.maximum = maximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.compiledPattern = pattern.map(CompiledPattern.init)
        self.minItems = minItems
        self.maxItems = maxItems
    }

    private enum CodingKeys: String, CodingKey {
        case type, description, properties, required, additionalProperties, items
        case enumeration = "enum"
        case minimum, maximum, minLength, maxLength, pattern, minItems, maxItems
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            type: try container.decodeIfPresent(ValueType.self, forKey: .type),
            description: try container.decodeIfPresent(String.self, forKey: .description),
            properties: try container.decodeIfPresent([String: ValueSpec].self, forKey: .properties),
            required: try container.decodeIfPresent([String].self, forKey: .required),
            additionalProperties: try container.decodeIfPresent(Bool.self, forKey: .additionalProperties),
            items: try container.decodeIfPresent(ValueSpec.self, forKey: .items),
            enumeration: try container.decodeIfPresent([PackValue].self, forKey: .enumeration),
            minimum: try container.decodeIfPresent(Double.self, forKey: .minimum),
            maximum: try container.decodeIfPresent(Double.self, forKey: .maximum),
            minLength: try container.decodeIfPresent(Int.self, forKey: .minLength),
            maxLength: try container.decodeIfPresent(Int.self, forKey: .maxLength),
            pattern: try container.decodeIfPresent(String.self, forKey: .pattern),
            minItems: try container.decodeIfPresent(Int.self, forKey: .minItems),
            maxItems: try container.decodeIfPresent(Int.self, forKey: .maxItems))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(properties, forKey: .properties)
        try container.encodeIfPresent(required, forKey: .required)
        try container.encodeIfPresent(additionalProperties, forKey: .additionalProperties)
        try container.encodeIfPresent(items, forKey: .items)
        try container.encodeIfPresent(enumeration, forKey: .enumeration)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
        try container.encodeIfPresent(minLength, forKey: .minLength)
        try container.encodeIfPresent(maxLength, forKey: .maxLength)
        try container.encodeIfPresent(pattern, forKey: .pattern)
        try container.encodeIfPresent(minItems, forKey: .minItems)
        try container.encodeIfPresent(maxItems, forKey: .maxItems)
    }
}

extension ValueSpec {
    struct CompiledPattern: Hashable, Sendable {
        let source: String
        let regex: BoundedRegex?

        init(_ source: String) {
            self.source = source
            regex = try? BoundedRegex(source)
        }
    }

    /// The compiled `pattern`, when there is one and it compiles.
    var patternRegex: BoundedRegex? { compiledPattern?.regex }
}
