/// A `matches` pattern outside the supported dialect, with the 0-based character offset of the problem.
public struct RegexSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "offset \(offset): \(message)" }
}
