/// A rule that does not parse, with the 1-based column (in characters) where the problem is.
public struct RuleSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    public var description: String { "column \(column): \(message)" }
}
