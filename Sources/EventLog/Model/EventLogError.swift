/// The one error type of the EventLog module: a growable ``ErrorCode``, a message, and where in the input
/// the problem was found. `description` keeps user data short; ``LocatedError/detailedDescription`` has it all.
///
/// ```swift
/// do { _ = try EventLog(contentsOf: url) }
/// catch let error as EventLogError where error.code == .malformedXML { print(error.location) }
/// ```
public typealias EventLogError = LocatedError<EventLogErrorDomain>

/// The namespace of ``EventLogError``'s codes.
public enum EventLogErrorDomain: Sendable {}

extension ErrorCode where Domain == EventLogErrorDomain {
    public static var fileNotFound: Self { Self(rawValue: "fileNotFound") }
    public static var ioError: Self { Self(rawValue: "ioError") }
    public static var emptyFile: Self { Self(rawValue: "emptyFile") }
    public static var truncatedGzip: Self { Self(rawValue: "truncatedGzip") }
    public static var corruptGzip: Self { Self(rawValue: "corruptGzip") }
    public static var binaryContent: Self { Self(rawValue: "binaryContent") }
    public static var malformedXML: Self { Self(rawValue: "malformedXML") }
    public static var notXES: Self { Self(rawValue: "notXES") }
    public static var unknownAttributeType: Self { Self(rawValue: "unknownAttributeType") }
    public static var invalidAttributeValue: Self { Self(rawValue: "invalidAttributeValue") }
    public static var invalidTimestamp: Self { Self(rawValue: "invalidTimestamp") }
    public static var missingKey: Self { Self(rawValue: "missingKey") }
    public static var malformedCSV: Self { Self(rawValue: "malformedCSV") }
    public static var missingColumn: Self { Self(rawValue: "missingColumn") }
    public static var missingCaseID: Self { Self(rawValue: "missingCaseID") }
    public static var invalidArgument: Self { Self(rawValue: "invalidArgument") }
    public static var unsupportedFormat: Self { Self(rawValue: "unsupportedFormat") }
}
