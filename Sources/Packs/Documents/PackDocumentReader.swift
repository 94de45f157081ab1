import TracewiseSupport

/// Reads pack files (JSON or YAML) into a `PackValue` tree — the first step of loading, before validation.
///
/// ```swift
/// let value = try PackDocumentReader.parse(text, path: "finance.yaml")
/// ```
public enum PackDocumentReader {
    /// Parses `text` in the given format, or the format detected from `path` and the content.
    /// - Throws: `PackSyntaxError` with the line and column of the first syntax error.
    public static func parse(
        _ text: String, path: String? = nil, format: PackDocumentFormat? = nil, limits: DocumentLimits = .default
    ) throws(PackSyntaxError) -> PackValue {
        guard text.utf8.count <= limits.maximumBytes else {
            throw PackSyntaxError("the file is larger than \(limits.maximumBytes) bytes", at: nil)
        }
        switch format ?? PackDocumentFormat.detect(path: path, text: text) {
        case .json:
            let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
            var parser = JSONTreeParser<PackValue>(bytes: Array(body.utf8),
                                                   limits: .init(maximumDepth: limits.maximumDepth, maximumNodes: limits.maximumNodes))
            do {
                return try parser.parse()
            } catch {
                throw PackSyntaxError(error.message, at: SourceLocation(line: error.line, column: error.column))
            }
        case .yaml:
            var reader = YAMLValueReader(limits: limits)
            return try reader.parse(text)
        }
    }
}
