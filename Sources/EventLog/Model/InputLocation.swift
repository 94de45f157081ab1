/// Where in an input (a file, or text in memory) a problem was found: the location every located error of
/// EventLog, Discovery, Explain and ObjectCentric carries (``LocatedError/Location``). Lines and columns are 1-based; tables use `row` and `field`.
///
/// ```swift
/// InputLocation(file: "log.xes", line: 12, column: 5).description   // "log.xes, line 12, column 5"
/// ```
public struct InputLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var row: Int?
    public var field: String?
    /// A JSON pointer (`/events/4/relationships/1`), an XML element path, or `table[row]` for SQLite.
    public var path: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, row: Int? = nil, field: String? = nil,
                path: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.row = row
        self.field = field
        self.path = path
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line { parts.append("line \(line)") }
        if let column { parts.append("column \(column)") }
        if let row { parts.append("row \(row)") }
        if let field { parts.append("field '\(field)'") }
        if let path { parts.append(path) }
        return parts.joined(separator: ", ")
    }

    /// How every located error reads: `place: code: message`, or `code: message` when the place is unknown.
    package func describing(_ code: some CustomStringConvertible, _ message: String) -> String {
        let place = description
        return place.isEmpty ? "\(code): \(message)" : "\(place): \(code): \(message)"
    }

    /// `text` cut to at most 60 characters, for an error's excerpt of the offending input.
    package static func excerpt(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }
}
