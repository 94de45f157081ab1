/// Argument templates of playbook steps: JSON values whose strings may quote the exception record with
/// `{{field.path}}` placeholders.
///
/// A string that is exactly one placeholder (`"{{payload.amount}}"`) becomes the field's value with its
/// type (a number stays a number); placeholders inside longer strings are replaced by the field's text
/// (arrays and objects as one-line JSON). A placeholder whose field is missing resolves to `null`
/// (whole-string) or an empty string (embedded).
///
/// ```swift
/// let arguments = ArgumentTemplate.resolve(["tradeId": "{{payload.tradeId}}", "note": "break on {{payload.tradeId}}"],
///                                          with: exceptionRecord)
/// ```
public enum ArgumentTemplate {
    /// A piece of a template string.
    public enum Segment: Hashable, Sendable {
        case text(String)
        case placeholder(String)
    }

    /// Splits a template string into text and placeholders.
    /// - Throws: `PacksError` (`invalidPack`) for an unclosed `{{`, an empty placeholder or one that is not a
    ///   field path.
    public static func segments(of template: String) throws(PacksError) -> [Segment] {
        let bytes = Array(template.utf8)
        var segments: [Segment] = []
        var textStart = 0
        while let open = firstPair(of: UInt8(ascii: "{"), in: bytes, from: textStart) {
            if open > textStart { segments.append(.text(String(decoding: bytes[textStart..<open], as: UTF8.self))) }
            guard let close = firstPair(of: UInt8(ascii: "}"), in: bytes, from: open + 2) else {
                throw PacksError(.invalidPack, "unclosed '{{' in argument template")
            }
            let path = String(decoding: bytes[(open + 2)..<close], as: UTF8.self).trimmingWhitespace()
            guard StringFormatCheck.isFieldPath(path) else {
                throw PacksError(.invalidPack, "'{{\(path.prefix(64))}}' is not a field path placeholder")
            }
            segments.append(.placeholder(path))
            textStart = close + 2
        }
        if textStart < bytes.count { segments.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        return segments
    }

    /// The offset of the first two consecutive `byte`s at or after `start` (ASCII, so never inside a
    /// multi-byte UTF-8 sequence).
    private static func firstPair(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == byte && bytes[i + 1] == byte { return i }
            i += 1
        }
        return nil
    }

    /// Every placeholder path in a template value (strings inside arrays and objects included).
    public static func placeholders(in value: PackValue) throws(PacksError) -> [String] {
        switch value {
        case .string(let text):
            return try segments(of: text).compactMap { segment in
                if case .placeholder(let path) = segment { return path }
                return nil
            }
        case .array(let elements):
            var paths: [String] = []
            for element in elements { paths += try placeholders(in: element) }
            return paths
        case .object(let members):
            var paths: [String] = []
            for key in members.keys.sorted() { paths += try placeholders(in: members[key]!) }
            return paths
        default:
            return []
        }
    }

    /// The template with every placeholder replaced from `record`. Malformed templates are left as written
    /// (validation rejects them before a pack is ever used). To resolve one template against many records,
    /// compile it once with ``CompiledArgumentTemplate``.
    public static func resolve(_ template: PackValue, with record: PackValue) -> PackValue {
        CompiledArgumentTemplate(template).resolve(with: record)
    }

    /// Resolves a whole arguments object.
    public static func resolve(_ arguments: [String: PackValue], with record: PackValue) -> [String: PackValue] {
        arguments.mapValues { resolve($0, with: record) }
    }
}
