/// A stable, machine-readable error code: the `code` every Tracewise error carries, so callers match on
/// a value rather than on message text. Each error type has its own `Domain`, so codes of different
/// modules never compare equal, and a module adds codes in an extension without a new enum case breaking
/// anyone's exhaustive `switch`.
///
/// ```swift
/// catch let error as EventLogError where error.code == .malformedXML { … }
///
/// extension ErrorCode where Domain == EventLogErrorDomain {
///     public static var unexpectedElement: Self { Self(rawValue: "unexpectedElement") }
/// }
/// ```
public struct ErrorCode<Domain>: Hashable, Sendable, RawRepresentable, CustomStringConvertible, Codable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
