/// The JSON Schema (draft 2020-12) of each pack kind, generated from the same declaration the validator
/// uses, so the published schema and the validator cannot drift apart. The files in `docs/schemas/` are
/// this output (`tracewise packs schema domain|tenant`); a test keeps them current.
///
/// Cross-reference rules (unique ids, existing tools, version compatibility, loosening) cannot be expressed
/// in JSON Schema; editors get structure and documentation from the schema, `packs validate` checks the rest.
public enum JSONSchemaExporter {
    /// The schema of `kind` as a document tree.
    public static func schema(for kind: PackKind) -> PackValue {
        let (shape, name, title) = switch kind {
        case .domain: (PackSchema.domainPack, "domain-pack", "Tracewise domain pack")
        case .tenantPolicy: (PackSchema.tenantPolicyPack, "tenant-policy-pack", "Tracewise tenant policy pack")
        }
        var references: Set<String> = []
        var root = schema(of: shape, references: &references)
        var members = root.objectValue ?? [:]
        members["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        members["$id"] = .string("https://tracewise.dev/schemas/\(name).schema.json")
        members["title"] = .string(title)
        var definitions: [String: PackValue] = [:]
        var pending = Array(references)
        while let reference = pending.popLast() {
            guard definitions[reference] == nil, let definition = PackSchema.definitions[reference] else { continue }
            var nested: Set<String> = []
            definitions[reference] = schema(of: definition, references: &nested)
            pending += nested.filter { definitions[$0] == nil }
        }
        if !definitions.isEmpty { members["$defs"] = .object(definitions) }
        root = .object(members)
        return root
    }

    /// The schema as normalised JSON text.
    public static func text(for kind: PackKind) throws -> String {
        try PackDocumentWriter.string(schema(for: kind), format: .json)
    }

    private static func schema(of shape: PackShape, references: inout Set<String>) -> PackValue {
        switch shape {
        case .any:
            return .object([:])
        case .reference(let name):
            references.insert(name)
            return ["$ref": .string("#/$defs/\(name)")]
        case .string(let format):
            return stringSchema(format)
        case .enumeration(let values):
            return ["type": "string", "enum": .array(values.map(PackValue.string))]
        case .number(let minimum, let maximum):
            var members: [String: PackValue] = ["type": "number"]
            if let minimum { members["minimum"] = .number(minimum) }
            if let maximum { members["maximum"] = .number(maximum) }
            return .object(members)
        case .integer(let minimum, let maximum):
            var members: [String: PackValue] = ["type": "integer"]
            if let minimum { members["minimum"] = .number(Double(minimum)) }
            if let maximum { members["maximum"] = .number(Double(maximum)) }
            return .object(members)
        case .boolean:
            return ["type": "boolean"]
        case .array(let element, let minItems):
            var members: [String: PackValue] = ["type": "array", "items": schema(of: element, references: &references)]
            if minItems > 0 { members["minItems"] = .number(Double(minItems)) }
            return .object(members)
        case .map(let element):
            return ["type": "object", "additionalProperties": schema(of: element, references: &references)]
        case .object(let object):
            return objectSchema(object, references: &references)
        case .tagged(_, let variants):
            return ["oneOf": .array(variants.map { objectSchema($0.shape, references: &references) })]
        }
    }

    private static func objectSchema(_ object: ObjectShape, references: inout Set<String>) -> PackValue {
        var properties: [String: PackValue] = [:]
        for field in object.fields {
            var property = schema(of: field.shape, references: &references).objectValue ?? [:]
            property["description"] = .string(field.description)
            if let defaultValue = field.defaultValue { property["default"] = defaultValue }
            properties[field.name] = .object(property)
        }
        var members: [String: PackValue] = [
            "type": "object", "title": .string(object.title), "description": .string(object.description),
            "properties": .object(properties), "additionalProperties": false,
        ]
        let required = object.fields.filter(\.required).map { PackValue.string($0.name) }
        if !required.isEmpty { members["required"] = .array(required) }
        return .object(members)
    }

    private static func stringSchema(_ format: StringFormat) -> PackValue {
        switch format {
        case .text: ["type": "string"]
        case .identifier: ["type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_.:-]{0,127}$"]
        case .constantName: ["type": "string", "pattern": "^[A-Z][A-Z0-9_]{0,127}$"]
        case .semanticVersion:
            ["type": "string", "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$"]
        case .versionRequirement: ["type": "string", "minLength": 1]
        case .rule: ["type": "string", "minLength": 1, "maxLength": 4096]
        case .pattern: ["type": "string", "maxLength": 256]
        case .fieldPath: ["type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*$"]
        case .url: ["type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"]
        }
    }
}
