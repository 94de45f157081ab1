/// A secret credential. Its description never shows the value, so it cannot leak into a log, an
/// error or a crash report by accident.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret, for the one place that puts it in a request header.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "APIKey(redacted)" }
    public var debugDescription: String { description }
}
