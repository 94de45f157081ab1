import EventLog

/// The shape of the raw records a pull saw: every field path with its JSON type(s), and a fingerprint
/// over them, so the next pull can report fields added, removed or retyped by the source.
///
/// Paths use JSON-pointer syntax with `*` for array elements (`/fields/status/name`, `/items/*/toString`).
public struct RecordSchema: Hashable, Sendable, Codable {
    /// Field path → sorted type names seen there (`["null", "string"]`).
    public private(set) var fields: [String: [String]]

    public init(fields: [String: [String]] = [:]) {
        self.fields = fields
    }

    /// Adds every path of `record` to the schema.
    public mutating func observe(_ record: JSONValue) {
        walk(record, path: "")
    }

    private mutating func walk(_ value: JSONValue, path: String) {
        switch value {
        case .object(let members):
            if !path.isEmpty { note(path, "object") }
            for (key, member) in members {
                let escaped = key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                walk(member, path: path + "/" + escaped)
            }
        case .array(let elements):
            note(path, "array")
            for element in elements { walk(element, path: path + "/*") }
        default:
            note(path.isEmpty ? "/" : path, value.typeName)
        }
    }

    private mutating func note(_ path: String, _ type: String) {
        var types = fields[path, default: []]
        if !types.contains(type) {
            types.append(type)
            types.sort()
        }
        fields[path] = types
    }

    /// `sha256:<hex>` over the sorted `path:type|type` lines; `null` is left out so a field that is
    /// sometimes empty does not change the fingerprint.
    public var fingerprint: String {
        let lines = fields.keys.sorted().map { path in
            path + ":" + fields[path, default: []].filter { $0 != "null" }.joined(separator: "|")
        }
        return "sha256:" + SHA256.hex(Array(lines.joined(separator: "\n").utf8))
    }

    /// What changed from `previous` to this schema.
    public func drift(from previous: RecordSchema) -> RecordSchemaDrift {
        let types = { (schema: RecordSchema, path: String) in schema.fields[path, default: []].filter { $0 != "null" } }
        let added = fields.keys.filter { previous.fields[$0] == nil }.sorted()
        let removed = previous.fields.keys.filter { fields[$0] == nil }.sorted()
        let retyped = fields.keys.filter { previous.fields[$0] != nil }.sorted().compactMap { path -> RecordSchemaDrift.Retyped? in
            let old = types(previous, path), new = types(self, path)
            return old != new && !old.isEmpty && !new.isEmpty ? RecordSchemaDrift.Retyped(path: path, from: old, to: new) : nil
        }
        return RecordSchemaDrift(added: added, removed: removed, retyped: retyped)
    }
}

/// Fields the source added, removed or retyped between two pulls.
public struct RecordSchemaDrift: Hashable, Sendable, Codable {
    public struct Retyped: Hashable, Sendable, Codable {
        public var path: String
        public var from: [String]
        public var to: [String]

        public init(path: String, from: [String], to: [String]) {
            self.path = path
            self.from = from
            self.to = to
        }
    }

    public var added: [String]
    public var removed: [String]
    public var retyped: [Retyped]

    /// True when nothing changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && retyped.isEmpty }

    public init(added: [String] = [], removed: [String] = [], retyped: [Retyped] = []) {
        self.added = added
        self.removed = removed
        self.retyped = retyped
    }
}
