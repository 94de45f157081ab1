/// The one error type of the Agents module, with a growable ``Code`` callers can match.
public struct AgentsError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let notFound = Code(rawValue: "notFound")
        public static let invalidState = Code(rawValue: "invalidState")
        public static let invalidInput = Code(rawValue: "invalidInput")
        public static let unknownExceptionType = Code(rawValue: "unknownExceptionType")
        public static let stageTimeout = Code(rawValue: "stageTimeout")
        public static let llmFailure = Code(rawValue: "llmFailure")
        public static let packMismatch = Code(rawValue: "packMismatch")
        public static let ioError = Code(rawValue: "ioError")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
