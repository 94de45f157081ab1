import EventLog

/// The one error type of the ObjectCentric module: a growable `ErrorCode`, a message and where in the input
/// the problem was found (file, line and column for JSON and XML, a JSON pointer or element path, or a
/// table and row for SQLite). `description` keeps user data short; `detailedDescription` has it all.
///
/// ```swift
/// do { _ = try ObjectCentricLog(contentsOf: url) }
/// catch let error as ObjectCentricError where error.code == .missingObject { print(error.location) }
/// ```
public typealias ObjectCentricError = LocatedError<ObjectCentricErrorDomain>

/// The namespace of ``ObjectCentricError``'s codes.
public enum ObjectCentricErrorDomain: Sendable {}

extension ErrorCode where Domain == ObjectCentricErrorDomain {
    public static var fileNotFound: Self { Self(rawValue: "fileNotFound") }
    public static var ioError: Self { Self(rawValue: "ioError") }
    public static var emptyFile: Self { Self(rawValue: "emptyFile") }
    public static var unsupportedFormat: Self { Self(rawValue: "unsupportedFormat") }
    public static var malformedJSON: Self { Self(rawValue: "malformedJSON") }
    public static var malformedXML: Self { Self(rawValue: "malformedXML") }
    public static var sqliteError: Self { Self(rawValue: "sqliteError") }
    /// The input is well-formed JSON, XML or SQLite but not an OCEL log (a required member is missing
    /// or has the wrong shape).
    public static var notOCEL: Self { Self(rawValue: "notOCEL") }
    public static var missingField: Self { Self(rawValue: "missingField") }
    public static var unknownEventType: Self { Self(rawValue: "unknownEventType") }
    public static var unknownObjectType: Self { Self(rawValue: "unknownObjectType") }
    public static var unknownAttributeType: Self { Self(rawValue: "unknownAttributeType") }
    public static var undeclaredAttribute: Self { Self(rawValue: "undeclaredAttribute") }
    public static var duplicateType: Self { Self(rawValue: "duplicateType") }
    public static var duplicateEventID: Self { Self(rawValue: "duplicateEventID") }
    public static var duplicateObjectID: Self { Self(rawValue: "duplicateObjectID") }
    public static var missingObject: Self { Self(rawValue: "missingObject") }
    public static var missingEvent: Self { Self(rawValue: "missingEvent") }
    public static var selfRelation: Self { Self(rawValue: "selfRelation") }
    public static var invalidTimestamp: Self { Self(rawValue: "invalidTimestamp") }
    public static var invalidAttributeValue: Self { Self(rawValue: "invalidAttributeValue") }
    public static var invalidArgument: Self { Self(rawValue: "invalidArgument") }
}
