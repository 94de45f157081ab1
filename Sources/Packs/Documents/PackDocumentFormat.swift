/// The two syntaxes a pack file may use.
public enum PackDocumentFormat: String, Hashable, Sendable, Codable, CaseIterable {
    case json
    case yaml

    /// The format of a file: by extension (`.json`, `.yaml`, `.yml`), otherwise by content — a document
    /// whose first non-blank character is `{` or `[` is JSON, anything else YAML.
    public static func detect(path: String?, text: String) -> PackDocumentFormat {
        if let format = path.flatMap(fromExtension) { return format }
        let first = text.unicodeScalars.first { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }
        return first == "{" || first == "[" ? .json : .yaml
    }

    /// The format an extension names, or nil for any other extension.
    public static func fromExtension(of path: String) -> PackDocumentFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "json": return .json
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }
}
