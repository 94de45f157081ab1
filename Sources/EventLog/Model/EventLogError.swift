/// The one error type of the EventLog module: a growable ``Code``, a message, and where in the input
/// the problem was found. `description` keeps user data short; ``detailedDescription`` has it all.
///
/// ```swift
/// do { _ = try EventLog(contentsOf: url) }
/// catch let error as EventLogError where error.code == .malformedXML { print(error.location) }
/// ```
public struct EventLogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable machine-readable code.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let fileNotFound = Code(rawValue: "fileNotFound")
        public static let ioError = Code(rawValue: "ioError")
        public static let emptyFile = Code(rawValue: "emptyFile")
        public static let truncatedGzip = Code(rawValue: "truncatedGzip")
        public static let corruptGzip = Code(rawValue: "corruptGzip")
        public static let binaryContent = Code(rawValue: "binaryContent")
        public static let malformedXML = Code(rawValue: "malformedXML")
        public static let notXES = Code(rawValue: "notXES")
        public static let unknownAttributeType = Code(rawValue: "unknownAttributeType")
        public static let invalidAttributeValue = Code(rawValue: "invalidAttributeValue")
        public static let invalidTimestamp = Code(rawValue: "invalidTimestamp")
        public static let missingKey = Code(rawValue: "missingKey")
        public static let malformedCSV = Code(rawValue: "malformedCSV")
        public static let missingColumn = Code(rawValue: "missingColumn")
        public static let missingCaseID = Code(rawValue: "missingCaseID")
        public static let invalidArgument = Code(rawValue: "invalidArgument")
        public static let unsupportedFormat = Code(rawValue: "unsupportedFormat")
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
