import Discovery

/// The one error type of the Conformance module, with a growable ``Code`` callers can match.
public struct ConformanceError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let noInitialMarking = Code(rawValue: "noInitialMarking")
        public static let noFinalMarking = Code(rawValue: "noFinalMarking")
        public static let unboundedNet = Code(rawValue: "unboundedNet")
        public static let emptyLog = Code(rawValue: "emptyLog")
        public static let invalidCostFunction = Code(rawValue: "invalidCostFunction")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
