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
        /// The final marking cannot be reached from the initial marking.
        public static let unreachableFinalMarking = Code(rawValue: "unreachableFinalMarking")
        /// A search bound (states or time) stopped a computation that needs a complete answer.
        public static let searchLimitExceeded = Code(rawValue: "searchLimitExceeded")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
