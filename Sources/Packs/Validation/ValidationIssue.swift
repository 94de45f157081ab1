/// One validation finding: where (file, JSON pointer, and line/column for syntax errors), what kind (code)
/// and a message for people.
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String?
    /// JSON pointer into the document (`/playbooks/2/steps/0/tool`); empty for the whole document.
    public var path: String
    public var code: ValidationCode
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(file: String? = nil, path: JSONPointer, code: ValidationCode, message: String, location: SourceLocation? = nil) {
        self.file = file
        self.path = path.description
        self.code = code
        self.message = message
        self.line = location?.line
        self.column = location?.column
    }

    public var description: String {
        var prefix = file.map { "\($0):" } ?? ""
        if let line, let column { prefix += "\(line):\(column):" }
        return "\(prefix)\(path.isEmpty ? "/" : path): \(code): \(message)"
    }
}
