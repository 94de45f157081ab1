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

    /// Where in the input the error was found; lines and columns are 1-based.
    public struct Location: Hashable, Sendable, CustomStringConvertible {
        public var file: String?
        public var line: Int?
        public var column: Int?

        public init(file: String? = nil, line: Int? = nil, column: Int? = nil) {
            self.file = file
            self.line = line
            self.column = column
        }

        public var description: String {
            var parts: [String] = []
            if let file { parts.append(file) }
            if let line { parts.append("line \(line)") }
            if let column { parts.append("column \(column)") }
            return parts.joined(separator: ", ")
        }
    }

    public var code: Code
    public var message: String
    public var location: Location
    /// The offending input text, shortened to at most 60 characters.
    public var excerpt: String?

    public init(_ code: Code, _ message: String, location: Location = Location(), excerpt: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.excerpt = excerpt.map { $0.count <= 60 ? $0 : String($0.prefix(57)) + "..." }
    }

    public var description: String {
        let place = location.description
        return place.isEmpty ? "\(code): \(message)" : "\(place): \(code): \(message)"
    }

    /// The description plus the offending text.
    public var detailedDescription: String {
        excerpt.map { description + " near '\($0)'" } ?? description
    }
}
