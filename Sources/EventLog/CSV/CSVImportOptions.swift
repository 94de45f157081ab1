/// Options for ``CSVReader``.
public struct CSVImportOptions: Hashable, Sendable {
    /// Column roles.
    public var mapping = CSVColumnMapping()
    /// How the timestamp and start timestamp columns are written.
    public var timestampFormat = CSVTimestampFormat.automatic
    /// The delimiter byte; nil detects it among `,` `;` TAB `|`.
    public var delimiter: UInt8?
    /// When set, rows with errors (wrong field count, missing case id or activity, unparseable timestamp,
    /// stray text after a quote) are skipped and reported in ``LogReadResult/problems`` instead of failing.
    public var lenient = false
    /// Stable-sorts each case's events by the mapped timestamp (events without one last), as PM4Py's
    /// `format_dataframe` does; on by default. Off keeps the file order.
    public var sortEventsByTimestamp = true

    public init(mapping: CSVColumnMapping = CSVColumnMapping(), timestampFormat: CSVTimestampFormat = .automatic,
                delimiter: UInt8? = nil, lenient: Bool = false, sortEventsByTimestamp: Bool = true) {
        self.mapping = mapping
        self.timestampFormat = timestampFormat
        self.delimiter = delimiter
        self.lenient = lenient
        self.sortEventsByTimestamp = sortEventsByTimestamp
    }
}
