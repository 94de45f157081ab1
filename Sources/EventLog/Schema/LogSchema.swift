/// The shape of a log's data: which attribute keys exist at which level with which type, and which
/// classifiers the source declares. Values and counts are not part of it.
///
/// ```swift
/// let schema = LogSchema(log)
/// for field in schema.fields { print(field.level, field.key, field.type) }
/// ```
public struct LogSchema: Hashable, Sendable, Codable {
    /// Where an attribute lives.
    public enum Level: String, Hashable, Sendable, Codable, Comparable {
        case log, trace, event

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.order < rhs.order }
        private var order: Int { self == .log ? 0 : self == .trace ? 1 : 2 }
    }

    /// One attribute key at one level, with its XES type name (`string`, `int`, `float`, `boolean`, `date`,
    /// `id`, `list`, `container`), or `mixed` when values of one key have different types.
    public struct Field: Hashable, Sendable, Codable {
        public var key: String
        public var type: String
        public var level: Level

        public init(key: String, type: String, level: Level) {
            self.key = key
            self.type = type
            self.level = level
        }
    }

    /// Every field, sorted by level (log, trace, event) then key (Unicode scalar order).
    public var fields: [Field]
    /// Declared classifiers, sorted by name then keys.
    public var classifiers: [Classifier]

    public init(fields: [Field], classifiers: [Classifier]) {
        self.fields = fields.sorted { a, b in
            a.level != b.level ? a.level < b.level : a.key.unicodeScalars.lexicographicallyPrecedes(b.key.unicodeScalars)
        }
        self.classifiers = classifiers.sorted { a, b in
            a.name != b.name ? a.name.unicodeScalars.lexicographicallyPrecedes(b.name.unicodeScalars)
                : a.keys.joined(separator: " ").unicodeScalars.lexicographicallyPrecedes(b.keys.joined(separator: " ").unicodeScalars)
        }
    }

    /// The schema of `log`: log attributes from its header, trace and event attributes from its columns.
    public init(_ log: EventLog) {
        var fields = log.header.attributes.map { Field(key: $0.key, type: $0.value.typeName, level: .log) }
        fields += log.traceAttributes.columns.map { Field(key: $0.key, type: $0.uniformTypeName ?? "mixed", level: .trace) }
        fields += log.eventAttributes.columns.map { Field(key: $0.key, type: $0.uniformTypeName ?? "mixed", level: .event) }
        self.init(fields: fields, classifiers: log.header.classifiers)
    }

    /// The canonical text the fingerprint hashes: one line per field (`level\tkey\ttype`), then one per
    /// classifier (`classifier\tname\tkeys`), keys and names escaped so no line can imitate another.
    public var canonicalText: String {
        var lines = fields.map { "\($0.level.rawValue)\t\(Self.escape($0.key))\t\($0.type)" }
        lines += classifiers.map { "classifier\t\(Self.escape($0.name))\t\($0.keys.map(Self.escape).joined(separator: " "))" }
        return lines.map { $0 + "\n" }.joined()
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case " ": out += "\\s"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
