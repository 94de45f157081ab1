import EventLog

import Discovery

/// The one error type of the Conformance module, with a growable `ErrorCode` callers can match.
public typealias ConformanceError = CodedError<ConformanceErrorDomain>

/// The namespace of ``ConformanceError``'s codes.
public enum ConformanceErrorDomain: Sendable {}

extension ErrorCode where Domain == ConformanceErrorDomain {
    public static var noInitialMarking: Self { Self(rawValue: "noInitialMarking") }
    public static var noFinalMarking: Self { Self(rawValue: "noFinalMarking") }
    public static var unboundedNet: Self { Self(rawValue: "unboundedNet") }
    public static var emptyLog: Self { Self(rawValue: "emptyLog") }
    public static var invalidCostFunction: Self { Self(rawValue: "invalidCostFunction") }
    /// The final marking cannot be reached from the initial marking.
    public static var unreachableFinalMarking: Self { Self(rawValue: "unreachableFinalMarking") }
    /// A search bound (states or time) stopped a computation that needs a complete answer.
    public static var searchLimitExceeded: Self { Self(rawValue: "searchLimitExceeded") }
}
