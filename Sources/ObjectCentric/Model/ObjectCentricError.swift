/// The one error type of the ObjectCentric module: a growable ``Code``, a message and where in the input
/// the problem was found (file, line and column for JSON and XML, a JSON pointer or element path, or a
/// table and row for SQLite). `description` keeps user data short; ``detailedDescription`` has it all.
///
/// ```swift
/// do { _ = try ObjectCentricLog(contentsOf: url) }
/// catch let error as ObjectCentricError where error.code == .missingObject { print(error.location) }
/// ```
public struct ObjectCentricError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable machine-readable code.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let fileNotFound = Code(rawValue: "fileNotFound")
        public static let ioError = Code(rawValue: "ioError")
        public static let emptyFile = Code(rawValue: "emptyFile")
        public static let unsupportedFormat = Code(rawValue: "unsupportedFormat")
        public static let malformedJSON = Code(rawValue: "malformedJSON")
        public static let malformedXML = Code(rawValue: "malformedXML")
        public static let sqliteError = Code(rawValue: "sqliteError")
        /// The input is well-formed JSON, XML or SQLite but not an OCEL log (a required member is missing
        /// or has the wrong shape).
        public static let notOCEL = Code(rawValue: "notOCEL")
        public static let missingField = Code(rawValue: "missingField")
        public static let unknownEventType = Code(rawValue: "unknownEventType")
        public static let unknownObjectType = Code(rawValue: "unknownObjectType")
        public static let unknownAttributeType = Code(rawValue: "unknownAttributeType")
        public static let undeclaredAttribute = Code(rawValue: "undeclaredAttribute")
        public static let duplicateType = Code(rawValue: "duplicateType")
        public static let duplicateEventID = Code(rawValue: "duplicateEventID")
        public static let duplicateObjectID = Code(rawValue: "duplicateObjectID")
        public static let missingObject = Code(rawValue: "missingObject")
        public static let missingEvent = Code(rawValue: "missingEvent")
        public static let selfRelation = Code(rawValue: "selfRelation")
        public static let invalidTimestamp = Code(rawValue: "invalidTimestamp")
        public static let invalidAttributeValue = Code(rawValue: "invalidAttributeValue")
        public static let invalidArgument = Code(rawValue: "invalidArgument")
    }

    /// Where in the input the problem lies. Lines and columns are 1-based.
    public struct Location: Hashable, Sendable, CustomStringConvertible {
        public var file: String?
        public var line: Int?
        public var column: Int?
        /// A JSON pointer (`/events/4/relationships/1`), an XML element path, or `table[row]` for SQLite.
        public var path: String?

        public init(file: String? = nil, line: Int? = nil, column: Int? = nil, path: String? = nil) {
            self.file = file
            self.line = line
            self.column = column
            self.path = path
        }

        public var description: String {
            var parts: [String] = []
            if let file { parts.append(file) }
            if let line { parts.append("line \(line)") }
            if let column { parts.append("column \(column)") }
            if let path { parts.append(path) }
            return parts.joined(separator: ", ")
        }
    }

    public var code: Code
    public var message: String
    public var location: Location
    /// The offending identifier or text, shortened to at most 60 characters; kept out of `description`.
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
