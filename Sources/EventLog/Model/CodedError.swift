/// An error made of a code and a message: the shape of the errors whose input has no position (stores,
/// conformance checks, the agents pipeline, language models). Each module names its own:
/// `public typealias StoreError = CodedError<StoreErrorDomain>`.
///
/// `description` is `code: message`; messages name keys and limits, never stored data or secrets.
///
/// ```swift
/// do { _ = try await store.load("claims", tenant: "acme") }
/// catch let error as StoreError where error.code == .notFound { print("no such log") }
/// ```
public struct CodedError<Domain>: Error, Hashable, Sendable, CustomStringConvertible {
    public typealias Code = ErrorCode<Domain>

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
