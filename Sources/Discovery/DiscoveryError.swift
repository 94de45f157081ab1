import EventLog

/// The one error type of the Discovery module: a growable `ErrorCode` callers can match, a message, and
/// where in the input the problem was found (for file formats such as PNML).
///
/// `description` keeps user data short; `detailedDescription` adds the offending text.
///
/// ```swift
/// do { _ = try PNMLReader().read(contentsOf: url).net }
/// catch let error as DiscoveryError where error.code == .malformedXML { print(error.location) }
/// ```
public typealias DiscoveryError = LocatedError<DiscoveryErrorDomain>

/// The namespace of ``DiscoveryError``'s codes.
public enum DiscoveryErrorDomain: Sendable {}

extension ErrorCode where Domain == DiscoveryErrorDomain {
    public static var fileNotFound: Self { Self(rawValue: "fileNotFound") }
    public static var ioError: Self { Self(rawValue: "ioError") }
    public static var malformedXML: Self { Self(rawValue: "malformedXML") }
    public static var unsupportedEncoding: Self { Self(rawValue: "unsupportedEncoding") }
    public static var notPNML: Self { Self(rawValue: "notPNML") }
    public static var invalidPNML: Self { Self(rawValue: "invalidPNML") }
    public static var unsupportedPNML: Self { Self(rawValue: "unsupportedPNML") }
    public static var invalidNet: Self { Self(rawValue: "invalidNet") }
    public static var invalidArgument: Self { Self(rawValue: "invalidArgument") }
}
