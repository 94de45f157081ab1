/// A problem reading an `.xlsx` workbook, positioned by sheet, row and column (`B7`) where it has one.
public struct XLSXError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var sheet: String?
    /// 1-based row, as Excel shows it.
    public var row: Int?
    /// The column letters (`B`).
    public var column: String?
    public var reason: String

    public init(file: String, sheet: String? = nil, row: Int? = nil, column: String? = nil, reason: String) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var place = file
        if let sheet { place += " sheet \"\(sheet)\"" }
        if let column, let row { place += " cell \(column)\(row)" } else if let row { place += " row \(row)" }
        return "\(place): \(reason)"
    }
}
