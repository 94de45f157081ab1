import EventLog

/// The one error type of the Discovery module: a growable ``Code`` callers can match, a message, and
/// where in the input the problem was found (for file formats such as PNML).
///
/// `description` keeps user data short; ``detailedDescription`` adds the offending text.
///
/// ```swift
/// do { _ = try PNMLReader().read(contentsOf: url).net }
/// catch let error as DiscoveryError where error.code == .malformedXML { print(error.location) }
/// ```
public struct DiscoveryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable machine-readable code.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let fileNotFound = Code(rawValue: "fileNotFound")
        public static let ioError = Code(rawValue: "ioError")
        public static let malformedXML = Code(rawValue: "malformedXML")
        public static let unsupportedEncoding = Code(rawValue: "unsupportedEncoding")
        public static let notPNML = Code(rawValue: "notPNML")
        public static let invalidPNML = Code(rawValue: "invalidPNML")
        public static let unsupportedPNML = Code(rawValue: "unsupportedPNML")
        public static let invalidNet = Code(rawValue: "invalidNet")
        public static let invalidArgument = Code(rawValue: "invalidArgument")
    }

    /// Where in the input the error was found.
    public typealias Location = InputLocation

    public var code: Code
    public var message: String
    public var location: Location
    /// The offending input text, shortened to at most 60 characters.
    public var excerpt: String?

    public init(_ code: Code, _ message: String, location: Location = Location(), excerpt: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.excerpt = excerpt.map(InputLocation.excerpt)
    }

    public var description: String {
        location.describing(code, message)
    }

    /// The description plus the offending text.
    public var detailedDescription: String {
        excerpt.map { description + " near '\($0)'" } ?? description
    }
}
