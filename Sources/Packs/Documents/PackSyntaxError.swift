/// A pack file that cannot be read as JSON or YAML at all, with the line and column where reading stopped.
public struct PackSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Where the problem is; nil only when the file as a whole is refused (too large, not UTF-8).
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }

    public var description: String {
        location.map { "line \($0.line), column \($0.column): \(message)" } ?? message
    }
}
