import Foundation

/// One place where a JSON value breaks its schema: the JSON pointer into the value and what is wrong.
public struct JSONSchemaViolation: Hashable, Sendable, CustomStringConvertible {
    public var pointer: String
    public var message: String

    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
}

/// Validates JSON values against JSON Schema 2020-12 (the dialect of OpenAPI 3.1) for the keywords the
/// Tracewise OpenAPI document uses: `$ref` (local pointers), `type` (one or a list), `enum`, `const`,
/// `properties`, `required`, `additionalProperties`, `items`, `minimum`, `maximum`, `exclusiveMinimum`,
/// `exclusiveMaximum`, `minLength`, `maxLength`, `minItems`, `maxItems`, `pattern`, `allOf`, `anyOf`, `oneOf`;
/// annotations (`description`, `format`, `default`, …) are ignored as 2020-12 says. Any other keyword is
/// reported as a violation, so a schema can never rely on a check this validator silently skips.
///
/// ```swift
/// let spec = try JSONInstance(parsing: Array(try Data(contentsOf: openAPIURL)))
/// let violations = JSONSchemaValidator(root: spec).validate(body, against: .object(["$ref": .string("#/components/schemas/Problem")]))
/// ```
public struct JSONSchemaValidator: Sendable {
    /// The document `$ref`s point into.
    public let root: JSONInstance

    private static let annotations: Set<String> = [
        "description", "title", "format", "default", "examples", "example", "deprecated", "readOnly", "writeOnly", "$comment",
    ]

    public init(root: JSONInstance) {
        self.root = root
    }

    /// Every violation of `schema` by `instance` (empty when it is valid).
    public func validate(_ instance: JSONInstance, against schema: JSONInstance, at pointer: String = "") -> [JSONSchemaViolation] {
        var violations: [JSONSchemaViolation] = []
        check(instance, schema, pointer, &violations, depth: 0)
        return violations
    }

    private func check(_ instance: JSONInstance, _ schema: JSONInstance, _ pointer: String, _ out: inout [JSONSchemaViolation], depth: Int) {
        func fail(_ message: String) { out.append(JSONSchemaViolation(pointer: pointer, message: message)) }
        guard depth < 64 else { return fail("schema nesting deeper than 64 ($ref cycle?)") }
        switch schema {
        case .bool(true): return
        case .bool(false): return fail("no value is allowed here")
        case .object: break
        default: return fail("the schema is not an object or a boolean")
        }
        guard case .object(let keywords) = schema else { return }
        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case "$ref":
                guard case .string(let reference) = value, reference.hasPrefix("#"),
                      let target = root.value(at: String(reference.dropFirst())) else { return fail("unresolvable $ref \(value)") }
                check(instance, target, pointer, &out, depth: depth + 1)
            case "type":
                let allowed: [String] = switch value {
                case .string(let name): [name]
                case .array(let names): names.compactMap { if case .string(let name) = $0 { name } else { nil } }
                default: []
                }
                let actual = instance.typeName
                if !allowed.contains(actual), !(actual == "integer" && allowed.contains("number")) {
                    fail("expected \(allowed.joined(separator: " or ")), found \(actual)")
                }
            case "enum":
                guard case .array(let options) = value else { return fail("enum is not an array") }
                if !options.contains(instance) { fail("\(Self.short(instance)) is not one of \(options.map(Self.short).joined(separator: ", "))") }
            case "const":
                if instance != value { fail("\(Self.short(instance)) is not \(Self.short(value))") }
            case "properties":
                guard case .object(let members) = instance, case .object(let properties) = value else { continue }
                for (name, propertySchema) in properties.sorted(by: { $0.key < $1.key }) {
                    if let member = members[name] { check(member, propertySchema, pointer + "/" + Self.escape(name), &out, depth: depth + 1) }
                }
            case "required":
                guard case .object(let members) = instance, case .array(let names) = value else { continue }
                for case .string(let name) in names where members[name] == nil { fail("required member \(name) is missing") }
            case "additionalProperties":
                guard case .object(let members) = instance else { continue }
                var declared: Set<String> = []
                if case .object(let properties)? = keywords["properties"] { declared = Set(properties.keys) }
                for (name, member) in members.sorted(by: { $0.key < $1.key }) where !declared.contains(name) {
                    check(member, value, pointer + "/" + Self.escape(name), &out, depth: depth + 1)
                }
            case "items":
                guard case .array(let items) = instance else { continue }
                for (index, item) in items.enumerated() { check(item, value, pointer + "/\(index)", &out, depth: depth + 1) }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                guard case .number(let number) = instance else { continue }
                guard case .number(let bound) = value else { return fail("\(keyword) is not a number") }
                let ok = switch keyword {
                case "minimum": number >= bound
                case "maximum": number <= bound
                case "exclusiveMinimum": number > bound
                default: number < bound
                }
                if !ok { fail("\(Self.short(instance)) violates \(keyword) \(Self.short(value))") }
            case "minLength", "maxLength":
                guard case .string(let text) = instance, case .number(let bound) = value else { continue }
                let count = text.unicodeScalars.count
                if keyword == "minLength" ? count < Int(bound) : count > Int(bound) { fail("length \(count) violates \(keyword) \(Int(bound))") }
            case "minItems", "maxItems":
                guard case .array(let items) = instance, case .number(let bound) = value else { continue }
                if keyword == "minItems" ? items.count < Int(bound) : items.count > Int(bound) { fail("\(items.count) items violate \(keyword) \(Int(bound))") }
            case "pattern":
                guard case .string(let text) = instance else { continue }
                guard case .string(let pattern) = value, let regex = try? NSRegularExpression(pattern: pattern) else { return fail("invalid pattern \(value)") }
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil { fail("\(Self.short(instance)) does not match \(pattern)") }
            case "allOf", "anyOf", "oneOf":
                guard case .array(let schemas) = value else { return fail("\(keyword) is not an array") }
                let results = schemas.map { validate(instance, against: $0, at: pointer) }
                let passed = results.filter(\.isEmpty).count
                switch keyword {
                case "allOf": out += results.flatMap { $0 }
                case "anyOf": if passed == 0 { fail("matches none of anyOf: \(results.flatMap { $0 }.prefix(3).map(\.description).joined(separator: "; "))") }
                default: if passed != 1 { fail("matches \(passed) of oneOf, not exactly one") }
                }
            default:
                if !Self.annotations.contains(keyword) { fail("unsupported schema keyword \(keyword)") }
            }
        }
    }

    private static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func short(_ value: JSONInstance) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): "\"\(text.prefix(40))\""
        case .array(let items): "array(\(items.count))"
        case .object: "object"
        }
    }
}
