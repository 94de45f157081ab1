import EventLog

/// The one error type of the Agents module, with a growable `ErrorCode` callers can match.
public typealias AgentsError = CodedError<AgentsErrorDomain>

/// The namespace of ``AgentsError``'s codes.
public enum AgentsErrorDomain: Sendable {}

extension ErrorCode where Domain == AgentsErrorDomain {
    public static var notFound: Self { Self(rawValue: "notFound") }
    public static var invalidState: Self { Self(rawValue: "invalidState") }
    public static var invalidInput: Self { Self(rawValue: "invalidInput") }
    public static var unknownExceptionType: Self { Self(rawValue: "unknownExceptionType") }
    public static var stageTimeout: Self { Self(rawValue: "stageTimeout") }
    public static var llmFailure: Self { Self(rawValue: "llmFailure") }
    public static var packMismatch: Self { Self(rawValue: "packMismatch") }
    public static var ioError: Self { Self(rawValue: "ioError") }
}
