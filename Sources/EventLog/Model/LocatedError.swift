/// An error with a code, a message and where in the input it was found: the shape of every error a reader
/// of untrusted input throws (XES, CSV, PNML, PTML, models, OCEL). Each module names its own:
/// `public typealias EventLogError = LocatedError<EventLogErrorDomain>`.
///
/// `description` keeps user data short (`file, line 12, column 5: code: message`); ``detailedDescription``
/// adds the offending text.
///
/// ```swift
/// do { _ = try EventLog(contentsOf: url) }
/// catch let error as EventLogError where error.code == .malformedXML { print(error.location) }
/// ```
public struct LocatedError<Domain>: Error, Hashable, Sendable, CustomStringConvertible {
    public typealias Code = ErrorCode<Domain>
    /// Where in the input the error was found.
    public typealias Location = InputLocation

    public var code: Code
    public var message: String
    public var location: Location
    /// The offending input text, shortened to at most 60 characters; kept out of `description`.
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
